using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.Generation;

namespace Analytics.Reports.Tests;

/// <summary>
/// 普陀 2024 scores the district against its own targets, so `report` writes no 成绩单 for its 街镇: each gets a
/// 贡献明细 (its figure per target and its share of the district's) with no score, total, grade or rank.
/// </summary>
[Collection(BriefingCollection.Name)]
public sealed class PutuoContributionSheetTests(BriefingFixture fixture)
{
    private const string Putuo = "310107";

    private DistrictTracker Tracker()
    {
        using var connection = fixture.Warehouse.Connect();
        var score = new TownScorer(connection).Score(RubricCatalog.Get("putuo-2024"), AssessmentPeriod.ForQuarter(2024, 4), store: false);
        return DistrictTracker.Of(score)!;
    }

    [Fact]
    public void Report_writes_a_contribution_sheet_and_no_scorecard_for_each_putuo_town()
    {
        var folder = Path.Combine(fixture.Root, "putuo-contribution");
        var run = Tools.Analytics("report", "--db", fixture.DatabasePath, "--period", BriefingFixture.Period, "--district", "普陀区", "--out", folder);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("1份季度简报、10份街镇贡献明细（按全区考核目标的区不为街镇评分", Tools.Squeeze(run.Output), StringComparison.Ordinal);

        var district = Path.Combine(folder, BriefingFixture.Period, $"{Putuo}-普陀区");
        Assert.Empty(Directory.GetFiles(district, "*成绩单.pdf"));
        var sheets = Directory.GetFiles(district, "*贡献明细.pdf").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(10, sheets.Count);
        var entries = new BriefingIndex(fixture.Warehouse).List(BriefingFixture.Period, Putuo);
        Assert.Equal(10, entries.Count(e => e.Kind == BriefingKind.Contribution && e.FilePath.StartsWith(Path.Combine(BriefingFixture.Period, $"{Putuo}-普陀区"), StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Kind == BriefingKind.Town);

        var tracker = Tracker();
        var first = tracker.Towns[0];
        var text = Tools.Squeeze(Tools.PdfText(sheets[0]));
        Assert.Contains($"{first.TownName}2024年第4季度目标贡献明细", text);
        Assert.Contains("不计分、不评等级、不排名", text);
        Assert.DoesNotContain("总分", text);
        Assert.DoesNotContain("得0分", text);
        Assert.DoesNotContain("名次", text);
        var beds = first.Lines.Single(l => l.Code == "T01");
        Assert.Contains("T01新增养老床位200张", text);
        Assert.Contains(beds.OwnText + beds.DistrictText + beds.ShareText, text);
    }

    [Fact]
    public void The_towns_contributions_add_up_to_the_district_figure_of_every_target_from_data()
    {
        var tracker = Tracker();
        Assert.Equal(10, tracker.Towns.Count);
        var fromData = tracker.Towns[0].Lines.Where(l => l.District is not null).Select(l => l.Code).ToList();
        // Every target but the six the bureau enters (T16–T21).
        Assert.Equal(15, fromData.Count);
        foreach (var code in fromData)
        {
            var lines = tracker.Towns.Select(t => t.Lines.Single(l => l.Code == code)).ToList();
            Assert.Equal(lines[0].District, lines.Sum(l => l.Own ?? 0m));
            foreach (var line in lines.Where(l => l.District != 0m && l.Own is not null))
            {
                Assert.Equal(Math.Round(line.Own!.Value * 100m / line.District!.Value, 2, MidpointRounding.AwayFromZero), line.SharePercent);
            }
        }

        Assert.All(tracker.Towns.SelectMany(t => t.Lines).Where(l => l.Code is "T16" or "T21"),
            l => Assert.Equal(("全区录入", null, "—"), (l.OwnText, l.SharePercent, l.ShareText)));
    }
}
