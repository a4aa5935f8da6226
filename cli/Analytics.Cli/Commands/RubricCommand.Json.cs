using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Metrics;

namespace Analytics.Cli.Commands;

internal static partial class RubricCommand
{
    /// <summary>JSON shapes of `rubric show` and `rubric eval` (--format json).</summary>
    private static class RubricJson
    {
        public static JsonSerializerOptions Options { get; } = new()
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Chinese stays readable in the output instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };

        public static object Describe(Rubric r) => new
        {
            r.Id, r.Title, District = r.District.Name, DistrictCode = r.District.Code, Unit = r.Unit == AssessmentUnit.District ? "district" : "town", r.Year, r.Version, r.Source, r.Total,
            Grades = new { r.Grades.Excellent, r.Grades.Good, r.Grades.Pass },
            r.Note,
            Sections = r.Sections.Select(s => new
            {
                s.Code, s.Name, s.Kind, s.Maximum, s.Weight, s.Cap, s.Note,
                Items = s.Items.Select(i => new
                {
                    i.Code, i.Name, i.Owner, i.Frequency, i.Maximum, Rule = i.Rule.Type, RuleText = i.Rule.Describe(i.Maximum),
                    i.Inputs, i.Criteria, i.Note,
                }),
            }),
            r.Vetoes,
            r.Inputs,
            Sources = r.Provenance.Numbers.Select(n => new
            {
                n.Path, n.Owner, n.Label, n.Value, Kind = SourceKindLabel(n.Source), Text = n.Source.Text, Reading = n.Source.Note,
            }),
            r.Provenance.Footnote,
        };
    }
}
