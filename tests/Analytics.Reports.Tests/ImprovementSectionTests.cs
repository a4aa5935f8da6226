using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Improvement;

namespace Analytics.Reports.Tests;

/// <summary>The 成绩单's 五、提分建议 section states the planner's levers and paths for the town.</summary>
[Collection(BriefingCollection.Name)]
public sealed class ImprovementSectionTests(BriefingFixture fixture)
{
    [Fact]
    public void Scorecard_states_each_data_items_lever_and_the_paths_of_the_planner()
    {
        var rubric = RubricCatalog.Get(BriefingFixture.RubricId);
        var period = AssessmentPeriod.TryParse(BriefingFixture.Period, out var p) ? p : throw new InvalidOperationException();
        foreach (var town in fixture.ScoredTowns.Take(3))
        {
            using var connection = fixture.Warehouse.Connect();
            var plan = new TownImprovement(connection).Plan(rubric, period, town.Town);
            var text = Tools.Squeeze(Tools.PdfText(fixture.Scorecard(town.Town)));
            Assert.Contains("五、提分建议", text);
            Assert.Contains(Tools.Squeeze(plan.Note), text);
            foreach (var path in plan.Paths)
            {
                Assert.Contains(Tools.Squeeze(path.Note), text);
            }

            foreach (var lever in plan.Items.SelectMany(i => i.Levers))
            {
                Assert.Contains(Tools.Squeeze($"{lever.Text}，该项 +{Fmt.Num(lever.ItemGain)} 分，总分 +{Fmt.Num(lever.TotalGain)} 分"), text);
            }
        }
    }
}
