using System.Text.Json;
using Analytics.Metrics;

namespace Analytics.Reports.Tests;

/// <summary>
/// `./analytics score --format json` answers for every rubric × every quarter and year of its scheme, never with a
/// grade over a maximum of 0, and ranks 街镇 only where the period ranks them.
/// </summary>
[Collection(BriefingCollection.Name)]
public sealed class ScoreCommandSweepTests(BriefingFixture fixture)
{
    public static TheoryData<string, string> RubricPeriods()
    {
        var data = new TheoryData<string, string>();
        foreach (var rubric in RubricCatalog.All)
        {
            foreach (var period in AssessmentPeriod.OfYear(rubric.Year))
            {
                data.Add(rubric.Id, period.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RubricPeriods))]
    public void Score_answers_for_every_rubric_and_period(string rubric, string period)
    {
        var run = Tools.Analytics("score", "--db", fixture.DatabasePath, "--rubric", rubric, "--period", period, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        var ranked = root.GetProperty("ranked").GetBoolean();
        var towns = root.GetProperty("towns").EnumerateArray().ToList();
        Assert.NotEmpty(towns);
        foreach (var town in towns)
        {
            var state = town.GetProperty("state").GetString();
            var grade = town.GetProperty("grade");
            Assert.True(state == "final" || grade.ValueKind == JsonValueKind.Null, $"{town.GetProperty("town")}: grade without a final assessment");
            if (state == "not_assessed")
            {
                Assert.Equal(JsonValueKind.Null, town.GetProperty("total").ValueKind);
                Assert.Equal(JsonValueKind.Null, town.GetProperty("maximum").ValueKind);
            }
            else
            {
                Assert.True(town.GetProperty("maximum").GetDecimal() > 0m);
            }

            var isTown = town.GetProperty("level").GetString() == "town";
            Assert.Equal(ranked && isTown, town.GetProperty("rank").ValueKind == JsonValueKind.Number);
        }

        var scheme = RubricCatalog.Get(rubric);
        Assert.Equal(scheme.RanksTowns && !(scheme.IsAnnual && period.Contains('Q', StringComparison.Ordinal)), ranked);
    }
}
