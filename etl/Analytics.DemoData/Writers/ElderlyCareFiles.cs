using Analytics.DemoData.Anomalies;
using Analytics.DemoData.Model;
using Analytics.DemoData.Simulation;
using Analytics.Sources;

namespace Analytics.DemoData.Writers;

/// <summary>Writes the 养老服务"云监管" extract of a quarter: institutions, staff, inspections and meal counts.</summary>
public static class ElderlyCareFiles
{
    public static void WriteInstitutions(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "eldercare", "institutions", quarter);
        var csv = writer.Csv;
        var last = quarter.LastDay;
        foreach (var i in context.ElderlyCare.Institutions)
        {
            if (i.Opened > last) continue;
            var town = context.Towns[i.TownIndex];
            csv.Field(i.Id);
            csv.Raw(town.District.Code);
            csv.Field(town.Town.Name);
            csv.Field(i.Name);
            csv.Raw(i.CareHome ? "care_home" : "community_care_home");
            csv.Raw(i.Public ? "public" : "private");
            csv.Field(i.Opened);
            // The platform supervises 养老机构; 长者照护之家 are listed but not under 云监管.
            csv.Field(i.CareHome);
            csv.Field((long)i.Beds);
            csv.Field((long)Math.Round(i.Beds * NursingShare(i, last)));
            csv.Field((long)i.DementiaBedsOn(last));
            csv.Field((long)Math.Round(i.Beds * i.Occupancy));
            csv.EndRow();
        }
    }

    /// <summary>Nursing-bed share rises two points a year (护理型床位 ≥ 60% is a 普陀 target).</summary>
    private static double NursingShare(Institution i, DateOnly day) =>
        Math.Min(0.9, i.NursingShare + 0.02 * ((day.DayNumber - new DateOnly(2023, 12, 31).DayNumber) / 365.25));

    /// <summary>Towns whose drawn certificate share reaches this certify every staff member (全员持证上岗).</summary>
    private const double FullCertificationShare = 0.95;

    /// <summary>Probability that a staff member holds the certificate of their post (持证上岗) at quarter end, with the injected jump.</summary>
    public static double CertificateShare(GenerationContext context, TownProfile town, Quarter quarter)
    {
        if (context.Plan.ForTown(AnomalyKind.CertificateRateJump, town.Index) is { } jump)
            return quarter < Quarter.Parse(jump.Quarter) ? AnomalyPlan.LowCertificateShare / 100.0 : 1.0;
        var years = (quarter.LastDay.DayNumber - new DateOnly(2023, 12, 31).DayNumber) / 365.25;
        var share = Math.Clamp(0.93 + (town.Quality - 0.78) * 0.2 + 0.01 * years, 0.5, 1.0);
        // A well-run town enforces 持证上岗 for every post (松江's 100% target); the others keep a few uncertified staff.
        return share >= FullCertificationShare ? 1.0 : share;
    }

    /// <summary>Probability that a care worker holds a skill-level certificate: 88.1% in Songjiang at the end of 2023, +2.5 points a year.</summary>
    public static double SkillShare(TownProfile town, Quarter quarter)
    {
        var years = (quarter.LastDay.DayNumber - new DateOnly(2023, 12, 31).DayNumber) / 365.25;
        return Math.Clamp(Calibration.SkillCertificateRate + 0.025 * years + (town.Quality - 0.78) * 0.15, 0.3, 0.99);
    }

    public static void WriteStaff(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "eldercare", "staff", quarter);
        var csv = writer.Csv;
        var last = quarter.LastDay;
        foreach (var i in context.ElderlyCare.Institutions)
        {
            if (i.Opened > last) continue;
            var town = context.Towns[i.TownIndex];
            var certificate = CertificateShare(context, town, quarter);
            var skill = SkillShare(town, quarter);
            foreach (var s in i.Staff)
            {
                if (s.Hired > last) continue;
                var level = s.Role == 0 && s.SkillDraw < skill ? s.SkillLevel : 0;
                csv.Field(s.Id);
                csv.Field(i.Id);
                csv.Raw(town.District.Code);
                csv.Field(town.Town.Name);
                csv.Field(s.Name);
                csv.Raw(Codes.StaffRoles[s.Role]);
                csv.Field(s.CertificateDraw < certificate);
                csv.Raw(Codes.SkillLevel(level));
                csv.Field(s.Hired);
                csv.EndRow();
            }
        }
    }

    public static void WriteInspections(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "eldercare", "inspections", quarter);
        var csv = writer.Csv;
        foreach (var i in context.ElderlyCare.Institutions)
        {
            if (i.Opened > quarter.LastDay) continue;
            var town = context.Towns[i.TownIndex];
            var random = FastRandom.For(context.Seed, i.Id, 500, quarter.Ordinal);
            var kinds = quarter.Number switch { 2 or 4 => 2, 3 => 3, _ => 1 };
            for (var k = 0; k < kinds; k++)
            {
                var kind = k switch { 0 => "service_quality", 1 => "fire_safety", _ => "food_safety" };
                var score = Math.Clamp(60 + 35 * town.Quality + 6 * random.NextGaussian(), 40, 100);
                var issues = random.Poisson((1 - town.Quality) * 6);
                csv.Field(i.Id * 1000 + quarter.Ordinal % 100 * 10 + k);
                csv.Field(i.Id);
                csv.Raw(town.District.Code);
                csv.Field(town.Town.Name);
                csv.Field(Months.Day(Months.First(quarter) + random.Next(3), random.Next(1, 29)));
                csv.Raw(kind);
                csv.Field(Math.Round((decimal)score, 1));
                csv.Field((long)issues);
                csv.Field(issues == 0 || random.Chance(town.Quality));
                csv.EndRow();
            }
        }
    }

    /// <summary>Subsidised meals of a town in a month (139.47 万 a year in Songjiang 2023, +10% a year); consumes one draw.</summary>
    public static int TownMeals(GenerationContext context, TownProfile town, int month, ref FastRandom random, double factor) =>
        (int)Math.Round(Calibration.SubsidisedMeals / 12.0 * town.Weight * context.Volume
            * Months.FlowGrowth(month, 0.10) * random.Between(0.96, 1.04) * factor);

    public static void WriteMeals(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "eldercare", "meals", quarter);
        var csv = writer.Csv;
        foreach (var town in context.Towns)
        {
            var inflated = context.Plan.Find(AnomalyKind.SubsidyInflation, town.Index, quarter) is not null;
            foreach (var (provider, month, meals) in ProviderMeals(context, town, quarter))
            {
                var served = meals + meals / 4;
                var subsidised = inflated ? served : meals;
                csv.Field(town.IdPrefix * 100 + provider + 1);
                csv.Raw(town.District.Code);
                csv.Field(town.Town.Name);
                csv.Field(provider == 0 ? $"{town.Town.Name}社区长者食堂" : $"{town.Town.Name}第{provider}老年助餐点");
                csv.Raw(provider == 0 ? "elder_canteen" : "meal_point");
                csv.Field(Months.FirstDay(month));
                csv.Field((long)served);
                csv.Field((long)subsidised);
                csv.Field(subsidised * Calibration.SubsidyPerMeal);
                csv.EndRow();
            }
        }
    }

    /// <summary>A town's subsidised meals of a quarter split over its providers, month by month, as the meals file has them.</summary>
    public static IEnumerable<(int Provider, int Month, int Meals)> ProviderMeals(GenerationContext context, TownProfile town, Quarter quarter)
    {
        var shape = FastRandom.For(context.Seed, town.Index, 600);
        var providers = Math.Clamp((int)Math.Round(4 + 40 * town.Weight), 3, 40);
        var weights = new double[providers];
        for (var p = 0; p < providers; p++) weights[p] = shape.Between(0.5, 1.5) * (p == 0 ? 2 : 1);
        var total = weights.Sum();
        var drop = context.Plan.Find(AnomalyKind.SuddenDrop, town.Index, quarter) is null ? 1.0 : (double)AnomalyPlan.DropFactor;
        var random = FastRandom.For(context.Seed, town.Index, 601, quarter.Ordinal);
        for (var month = Months.First(quarter); month <= Months.Last(quarter); month++)
        {
            var townMeals = TownMeals(context, town, month, ref random, drop);
            var assigned = 0;
            for (var p = 0; p < providers; p++)
            {
                var meals = p == providers - 1 ? townMeals - assigned : (int)(townMeals * weights[p] / total);
                assigned += meals;
                yield return (p, month, meals);
            }
        }
    }
}
