using System.Text.Json;
using System.Text.RegularExpressions;
using Analytics.Metrics;
using Analytics.Metrics.Rules;

namespace Analytics.Reports.Tests;

[Collection(BriefingCollection.Name)]
public sealed class TownScorecardTests(BriefingFixture fixture)
{
    private static Rubric Rubric => RubricCatalog.Get(BriefingFixture.RubricId);

    [Fact]
    public void Every_scorecard_states_the_total_grade_and_rank_of_the_score_command()
    {
        foreach (var town in fixture.ScoredTowns)
        {
            var text = Tools.Squeeze(Tools.PdfText(fixture.Scorecard(town.Town), 1));
            // No judgement is recorded in the fixture: every total is provisional with its reachable range, and no grade.
            Assert.Contains($"{town.Town}2024年第4季度暂计{Fmt.Num(town.Total)}分（满分{Fmt.Num(town.Maximum)}分，待评{town.Pending}项，" +
                            $"可达{Fmt.Num(town.Lowest)}–{Fmt.Num(town.Highest)}分），等级待定", text);
            Assert.Contains($"在全区17个街镇中暂列第{town.Rank}名", text);
            Assert.DoesNotContain("等级不合格", text);
        }
    }

    [Fact]
    public void Scorecard_lists_every_assessed_item_with_score_and_maximum()
    {
        var first = fixture.Score.RootElement.GetProperty("towns").EnumerateArray().First();
        var text = Tools.PdfText(fixture.Scorecard(first.GetProperty("town").GetString()!));
        var lines = text.Split('\n');
        foreach (var item in first.GetProperty("items").EnumerateArray())
        {
            var code = item.GetProperty("code").GetString()!;
            var line = lines.FirstOrDefault(l => l.TrimStart().StartsWith(code + " ", StringComparison.Ordinal));
            Assert.True(line is not null, $"item {code} not in the scorecard");
            var numbers = Tools.Squeeze(line);
            // An item not assessed this quarter shows "—" (or its year-to-date preview), never a score of 0.
            var status = item.GetProperty("status").GetString();
            var shown = item.GetProperty("projected") is { ValueKind: JsonValueKind.Number } projected ? "预估" + Fmt.Num(projected.GetDecimal())
                : status == "本期不考核" ? "—" : Fmt.Num(item.GetProperty("score").GetDecimal());
            Assert.Contains(shown + Fmt.Num(item.GetProperty("maximum").GetDecimal()) + Rubric.Provenance.ItemMark(code) + status, numbers);
        }
    }

    [Fact]
    public void The_scorecard_marks_the_total_grade_and_item_maxima_that_rest_on_our_assumptions()
    {
        var town = fixture.ScoredTowns[0].Town;
        var lines = Tools.PdfText(fixture.Scorecard(town)).Split('\n');
        var text = Tools.Squeeze(string.Join("", lines));
        Assert.Contains("总分*", text);
        Assert.Contains("等级*", text);
        Assert.Contains("*等级线、逐项分值、部分评分参数为本系统设定（通知未给出），见民政数据平台“评分方法说明”页/methodology/rubric/songjiang-2024（评分方案songjiang-2024版本1.0）。", text);
        // 松江's notice gives no points per line, so every item maximum is ours: S3.6b's 5 points carry the mark.
        Assert.Contains("5*", Tools.Squeeze(lines.First(l => l.TrimStart().StartsWith("S3.6b ", StringComparison.Ordinal))));
    }

    [Fact]
    public void Scorecard_compares_the_town_with_the_district_median()
    {
        var town = fixture.ScoredTowns[0].Town;
        var text = Tools.Squeeze(Tools.PdfText(fixture.Scorecard(town)));
        Assert.Contains("三、主要指标与全区街镇中位数比较", text);
        Assert.Matches("(优于中位数|差于中位数|与中位数持平)", text);
        Assert.Contains("与全区街镇中位数相比", text);
    }

    [Fact]
    public void Each_scorecard_has_its_own_appendix_number_of_the_district_briefing()
    {
        var numbers = fixture.ScoredTowns
            .Select(t => Regex.Match(Tools.Squeeze(Tools.PdfText(fixture.Scorecard(t.Town), 1)), @"松民政简〔2024〕第4号附(\d+)").Groups[1].Value)
            .Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .ToList();
        Assert.Equal(Enumerable.Range(1, 17), numbers);
    }
}
