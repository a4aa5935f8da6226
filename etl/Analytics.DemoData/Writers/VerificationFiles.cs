using Analytics.DemoData.Model;
using Analytics.DemoData.Simulation;
using Analytics.Sources;

namespace Analytics.DemoData.Writers;

/// <summary>Writes the 居民经济状况核对系统 extract of a quarter: requests and verifiers.</summary>
public static class VerificationFiles
{
    /// <summary>Days from quarter end to extraction: requests still open then have no finished date.</summary>
    public const int ExtractionLagDays = 15;

    public static void WriteRequests(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "verification", "requests", quarter);
        var csv = writer.Csv;
        var extraction = quarter.LastDay.AddDays(ExtractionLagDays);
        foreach (var town in context.Towns)
        {
            var random = FastRandom.For(context.Seed, town.Index, 400, quarter.Ordinal);
            var overdue = 0.03 + (1 - town.Quality) * 0.3;
            var sequence = town.IdPrefix * 10_000_000_000L + (quarter.Year * 10L + quarter.Number) * 100_000L;
            for (var month = Months.First(quarter); month <= Months.Last(quarter); month++)
            {
                var expected = Calibration.VerificationHouseholds / 12.0 * town.Weight * context.Volume * Months.FlowGrowth(month, 0.04);
                var count = (int)Math.Round(expected * random.Between(0.92, 1.08));
                for (var i = 0; i < count; i++)
                {
                    var civil = random.Chance(0.65);
                    var received = Months.Day(month, random.Next(1, 29));
                    var deadline = received.AddDays(civil ? 15 : 30);
                    DateOnly? finished = random.Chance(overdue)
                        ? deadline.AddDays(random.Next(1, 25))
                        : received.AddDays(random.Next(2, civil ? 16 : 31));
                    if (finished > extraction) finished = null;
                    var returned = random.Chance(civil ? 0.02 + (1 - town.Quality) * 0.1 : 0.04 + (1 - town.Quality) * 0.15);
                    csv.Field(++sequence);
                    csv.Raw(town.District.Code);
                    csv.Field(town.Town.Name);
                    csv.Raw(civil ? "civil_assistance" : "housing_security");
                    csv.Field(1L);
                    csv.Field(received);
                    csv.Field(deadline);
                    csv.Field(finished);
                    csv.Field(!random.Chance(0.005 + (1 - town.Quality) * 0.04));
                    csv.Field(returned);
                    csv.Field(returned ? ReturnReasons[random.Next(ReturnReasons.Length)] : null);
                    csv.EndRow();
                }
            }
        }
    }

    private static readonly string[] ReturnReasons = ["授权书签字不全", "家庭成员信息不完整", "身份证件扫描件不清晰", "委托事项填写错误"];

    public static void WriteVerifiers(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "verification", "verifiers", quarter);
        var csv = writer.Csv;
        var years = (quarter.LastDay.DayNumber - new DateOnly(2023, 12, 31).DayNumber) / 365.25;
        foreach (var town in context.Towns)
        {
            // The same draws every quarter: the team is stable and certificates come with time.
            var random = FastRandom.For(context.Seed, town.Index, 450);
            var count = 2 + random.Next(4);
            for (var i = 1; i <= count; i++)
            {
                var name = context.People.Name(ref random);
                var certificateDraw = random.NextDouble();
                var trainingDraw = random.NextDouble();
                var yearly = FastRandom.For(context.Seed, town.Index * 100 + i, 451, quarter.Year);
                var certified = certificateDraw < town.Quality * 0.7 + 0.04 * years;
                csv.Field(town.IdPrefix * 100 + i);
                csv.Raw(town.District.Code);
                csv.Field(town.Town.Name);
                csv.Field(name);
                csv.Field(certificateDraw < 0.95);
                csv.Field(certified);
                csv.Field(certified || trainingDraw < 0.75);
                csv.Field(true);
                csv.Field(yearly.Chance(Math.Min(1.0, town.Quality + 0.12)));
                csv.EndRow();
            }
        }
    }
}
