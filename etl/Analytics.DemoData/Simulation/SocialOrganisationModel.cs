using Analytics.DemoData.Model;

namespace Analytics.DemoData.Simulation;

/// <summary>Registrations and cancellations per year so that Songjiang ends 2023 with 823 organisations (29 new, 21 cancelled).</summary>
public sealed class SocialOrganisationModel
{
    private const double GoldenRatio = 0.6180339887498949;
    private static readonly string[] Fields = ["文化", "体育", "养老", "助残", "环保", "志愿者", "公益", "青少年", "调解", "慈善", "社区服务", "健康"];
    private const string Credit = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public List<SocialOrganisation> Organisations { get; } = [];

    /// <summary>Share of active organisations holding a grade at a date: 34% at the end of 2023, +2 points a year.</summary>
    public static double RatedShare(DateOnly day) =>
        Math.Clamp((double)Calibration.RatedOrganisations / Calibration.SocialOrganisations + 0.02 * ((day.DayNumber - new DateOnly(2023, 12, 31).DayNumber) / 365.25), 0.1, 0.9);

    public static SocialOrganisationModel Build(IReadOnlyList<TownProfile> towns, long seed, int firstYear, int lastYear, double volume)
    {
        var model = new SocialOrganisationModel();
        foreach (var district in towns.GroupBy(t => t.District.Code))
        {
            var members = district.ToList();
            var scale = members[0].District.Scale * volume;
            var random = FastRandom.For(seed, long.Parse(district.Key), 301);
            var active = new List<SocialOrganisation>();
            var counter = 0;
            var stock = (int)Math.Round(StockAtEndOf(firstYear - 1) * scale);
            for (var i = 0; i < stock; i++)
                active.Add(Create(members, counter++, new DateOnly(random.Next(2000, firstYear), random.Next(1, 13), random.Next(1, 29)), ref random));
            model.Organisations.AddRange(active);
            for (var year = firstYear; year <= lastYear; year++)
            {
                var registered = (int)Math.Round(Registrations(year) * scale);
                var cancelled = (int)Math.Round(CancellationsPerYear * scale);
                for (var i = 0; i < cancelled && active.Count > 0; i++)
                {
                    var index = random.Next(active.Count);
                    active[index].Cancelled = new DateOnly(year, random.Next(1, 13), random.Next(1, 29));
                    active.RemoveAt(index);
                }
                for (var i = 0; i < registered; i++)
                {
                    var org = Create(members, counter++, new DateOnly(year, random.Next(1, 13), random.Next(1, 29)), ref random);
                    active.Add(org);
                    model.Organisations.Add(org);
                }
            }
        }
        return model;
    }

    private static int Registrations(int year) => (int)Math.Round(Calibration.OrganisationsRegistered * Math.Pow(1.03, year - Calibration.AnchorYear));

    // Cancellations stay at the 2023 level: 僵尸型 organisations are cleaned up at a steady pace.
    private const int CancellationsPerYear = Calibration.OrganisationsCancelled;

    private static int StockAtEndOf(int year)
    {
        var stock = Calibration.SocialOrganisations;
        for (var y = Calibration.AnchorYear; y > year; y--) stock -= Registrations(y) - CancellationsPerYear;
        for (var y = Calibration.AnchorYear + 1; y <= year; y++) stock += Registrations(y) - CancellationsPerYear;
        return stock;
    }

    private static SocialOrganisation Create(List<TownProfile> members, int counter, DateOnly registered, ref FastRandom random)
    {
        var town = members[random.Next(members.Count)];
        var u = random.NextDouble();
        foreach (var candidate in members)
        {
            u -= candidate.Share;
            if (u > 0) continue;
            town = candidate;
            break;
        }
        // A low-discrepancy sequence over the district's organisations keeps type and rating shares within a few organisations of the target.
        var rank = (counter * GoldenRatio) % 1.0;
        var typeDraw = (counter * 0.7548776662466927 + 0.3) % 1.0;
        var group = typeDraw < (double)Calibration.SocialGroups / Calibration.SocialOrganisations;
        var field = Fields[random.Next(Fields.Length)];
        var name = group ? $"上海市{town.District.Name}{field}协会{counter}" : $"上海市{town.District.Name}{town.Town.Name}{field}服务中心";
        return new SocialOrganisation
        {
            Id = CreditCode(town.District.Code, group, ref random),
            TownIndex = town.Index,
            Name = name,
            SocialGroup = group,
            Registered = registered,
            Rank = rank,
            InspectionDraw = random.NextDouble(),
            EvaluationDue = random.Chance(0.7),
            ParticipationDraw = random.NextDouble(),
        };
    }

    // 统一社会信用代码 shape: 5 (民政) + type digit + 6-digit region + 9 characters + 1 check character (not validated downstream).
    private static string CreditCode(string districtCode, bool group, ref FastRandom random)
    {
        Span<char> chars = stackalloc char[18];
        chars[0] = '5';
        chars[1] = group ? '1' : '2';
        districtCode.AsSpan().CopyTo(chars[2..]);
        for (var i = 8; i < 18; i++) chars[i] = Credit[random.Next(Credit.Length)];
        return new string(chars);
    }
}
