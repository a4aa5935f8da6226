using Analytics.DemoData.Model;
using Analytics.DemoData.Simulation;
using Analytics.Sources;

namespace Analytics.DemoData.Writers;

/// <summary>Writes the 社会组织登记管理 extract of a quarter: organisations with grades, and the annual inspections (in Q2).</summary>
public static class SocialOrganisationFiles
{
    private static readonly string[] Grades = ["5A", "4A", "3A", "2A", "1A"];

    public static void WriteOrganisations(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "socialorg", "organisations", quarter);
        var csv = writer.Csv;
        var first = quarter.FirstDay;
        var last = quarter.LastDay;
        var ratedShare = SocialOrganisationModel.RatedShare(last);
        foreach (var o in context.Organisations.Organisations)
        {
            if (o.Registered > last || o.Cancelled < first) continue;
            var town = context.Towns[o.TownIndex];
            var cancelled = o.Cancelled <= last;
            var rated = o.Rank < ratedShare;
            csv.Field(o.Id);
            csv.Raw(town.District.Code);
            csv.Field(town.Town.Name);
            csv.Field(o.Name);
            csv.Raw(o.SocialGroup ? "social_group" : "social_service_agency");
            csv.Field(o.Registered);
            csv.Field(cancelled ? o.Cancelled : null);
            csv.Raw(cancelled ? "cancelled" : "active");
            csv.Field(o.EvaluationDue);
            csv.Field(o.EvaluationDue && (rated || o.ParticipationDraw < 0.3));
            csv.Raw(rated ? Grade(o) : "");
            csv.Field(rated ? Math.Max(o.Registered.Year, last.Year - (int)(o.Rank * 1000) % 5) : null);
            csv.EndRow();
        }
    }

    // 3A and above for about 60% of rated organisations; the draw is fixed per organisation so grades do not wander.
    private static string Grade(SocialOrganisation o)
    {
        var draw = o.Rank * 7919 % 1.0;
        return Grades[draw switch { < 0.1 => 0, < 0.3 => 1, < 0.6 => 2, < 0.9 => 3, _ => 4 }];
    }

    public static void WriteInspections(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "socialorg", "inspections", quarter);
        if (quarter.Number != 2) return;
        var csv = writer.Csv;
        var year = quarter.Year;
        var newYear = new DateOnly(year, 1, 1);
        var deadline = new DateOnly(year, 5, 31);
        var submitShare = (double)Calibration.InspectionsSubmitted / Calibration.InspectionsDue + 0.005 * (year - Calibration.AnchorYear);
        foreach (var o in context.Organisations.Organisations)
        {
            // Due: registered before the year and still registered at the deadline.
            if (o.Registered >= newYear || o.Cancelled <= deadline) continue;
            var town = context.Towns[o.TownIndex];
            var submitted = o.InspectionDraw < submitShare;
            csv.Field(o.Id);
            csv.Raw(town.District.Code);
            csv.Field(town.Town.Name);
            csv.Raw(o.SocialGroup ? "social_group" : "social_service_agency");
            csv.Field((long)year);
            csv.Field(submitted);
            csv.Field(submitted ? new DateOnly(year, 3, 1).AddDays((int)(o.InspectionDraw * 1000) % 90) : null);
            csv.Raw(!submitted ? "" : o.InspectionDraw < 0.85 ? "qualified" : o.InspectionDraw < 0.9 ? "basically_qualified" : "unqualified");
            csv.EndRow();
        }
    }
}
