using Analytics.DemoData.Model;

namespace Analytics.DemoData.Simulation;

/// <summary>Institutions, beds and staff of every town; counts follow the Songjiang anchor (33 云监管 institutions at the end of 2023).</summary>
public sealed class ElderlyCareModel
{
    private static readonly string[] NameStems = ["福寿", "康乐", "颐养", "安康", "长青", "怡园", "乐龄", "松鹤", "仁爱", "和美", "悦心", "同乐"];

    public List<Institution> Institutions { get; } = [];

    /// <summary>Builds institutions for all towns from the first quarter's month to the last.</summary>
    public static ElderlyCareModel Build(IReadOnlyList<TownProfile> towns, PersonFactory people, long seed, int firstMonth, int lastMonth, double volume)
    {
        var model = new ElderlyCareModel();
        foreach (var district in towns.GroupBy(t => t.District.Code))
        {
            var members = district.ToList();
            var random = FastRandom.For(seed, long.Parse(district.Key), 201);
            var scale = members[0].District.Scale * volume;
            var careHomes = 0;
            var sequence = 0;
            for (var month = firstMonth - 3; month <= lastMonth; month += 3)
            {
                // The target grows 6% a year, linearly, from the anchor; openings fill the gap each quarter.
                var target = (int)Math.Round(Calibration.CloudSupervisedInstitutions * scale * Months.LinearGrowth(month + 2, 0.06));
                var opened = month < firstMonth ? null : (int?)month;
                while (careHomes < target)
                {
                    var town = PickTown(members, ref random);
                    model.Institutions.Add(Create(town, ++sequence, careHome: true, opened, people, ref random));
                    careHomes++;
                }
                if (month < firstMonth)
                {
                    // Community care homes (长者照护之家): one or two per town from the start.
                    foreach (var town in members)
                    {
                        for (var k = 0; k < 1 + random.Next(2); k++)
                            model.Institutions.Add(Create(town, ++sequence, careHome: false, null, people, ref random));
                    }
                }
            }
        }
        return model;
    }

    private static TownProfile PickTown(List<TownProfile> members, ref FastRandom random)
    {
        var u = random.NextDouble();
        foreach (var town in members)
        {
            u -= town.Share;
            if (u <= 0) return town;
        }
        return members[^1];
    }

    private static Institution Create(TownProfile town, int sequence, bool careHome, int? openedMonth, PersonFactory people, ref FastRandom random)
    {
        var opened = openedMonth is { } m ? Months.Day(m, random.Next(1, 29)) : new DateOnly(random.Next(2000, 2021), random.Next(1, 13), random.Next(1, 29));
        var beds = careHome ? random.Next(80, 261) : random.Next(20, 50);
        var stem = NameStems[random.Next(NameStems.Length)];
        var stemTown = town.Town.Name.Length > 2 ? town.Town.Name[..2] : town.Town.Name;
        var institution = new Institution
        {
            Id = town.IdPrefix * 1000 + sequence,
            TownIndex = town.Index,
            Name = careHome ? $"{stemTown}{stem}养老院" : $"{stemTown}{stem}长者照护之家",
            CareHome = careHome,
            Public = random.Chance(0.4),
            Opened = opened,
            Beds = beds,
            NursingShare = random.Between(0.5, 0.75),
            DementiaBeds = careHome && random.Chance(0.5) ? random.Next(10, 41) : 0,
            DementiaFrom = new DateOnly(random.Next(2021, 2026), random.Next(1, 13), 1),
            Occupancy = random.Between(0.65, 0.92),
        };
        AddStaff(institution, people, ref random);
        return institution;
    }

    private static void AddStaff(Institution institution, PersonFactory people, ref FastRandom random)
    {
        var careWorkers = Math.Max(3, (int)Math.Round(institution.Beds * 0.22));
        var counts = new (byte Role, int Count)[] { (0, careWorkers), (1, Math.Max(1, institution.Beds / 60)), (2, 2), (3, 2) };
        var n = 0;
        foreach (var (role, count) in counts)
        {
            for (var i = 0; i < count; i++)
            {
                var hired = institution.Opened.AddDays(random.Next(0, 720));
                var level = (byte)(1 + (random.NextDouble() switch { < 0.45 => 0, < 0.8 => 1, < 0.95 => 2, _ => 3 }));
                institution.Staff.Add(new StaffMember(institution.Id * 1000 + ++n, people.Name(ref random), role, hired,
                    random.NextDouble(), random.NextDouble(), level));
            }
        }
    }
}
