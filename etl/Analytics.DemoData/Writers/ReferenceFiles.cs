using Analytics.DemoData.Simulation;
using Analytics.Sources;
using Analytics.Sources.Regions;

namespace Analytics.DemoData.Writers;

/// <summary>Writes population per town and the (here empty) list of region changes.</summary>
public static class ReferenceFiles
{
    public static void WritePopulation(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "reference", "population", quarter);
        var csv = writer.Csv;
        var month = Months.Last(quarter);
        foreach (var town in context.Towns)
        {
            var residents = (long)Math.Round(town.Residents * Months.Growth(month, 0.005));
            csv.Raw(town.District.Code);
            csv.Field(town.District.Name);
            csv.Field(town.Town.Name);
            csv.Raw(town.Town.Type == TownType.Subdistrict ? "subdistrict" : "township");
            csv.Field((long)Math.Round(town.Registered * Months.Growth(month, 0.003)));
            csv.Field(residents);
            csv.Field((long)Math.Round(town.Elderly * Months.Growth(month, 0.03)));
            csv.Field(Math.Max(5L, residents / 6400));
            csv.EndRow();
        }
    }

    /// <summary>The four districts had no town changes in these years; the file exists with its header so the feed is complete.</summary>
    public static void WriteRegionChanges(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "reference", "region_changes", quarter);
    }
}
