using System.Text.Json;

namespace Analytics.Reports.Tests;

/// <summary>
/// 普陀 2024 through the command line and the PDF briefing: `score` prints the district's per-target tracker and no
/// 街镇 total, `judge --value` records a bureau entry the tracker then reads, and the briefing's target section lists
/// every target with its status and source.
/// </summary>
[Collection(BriefingCollection.Name)]
public sealed class PutuoTrackerCommandTests(BriefingFixture fixture)
{
    private JsonElement ScoreJson(string period)
    {
        var run = Tools.Analytics("score", "--db", fixture.DatabasePath, "--rubric", "putuo-2024", "--period", period, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    [Fact]
    public void Score_json_has_one_district_result_and_a_row_per_target()
    {
        var root = ScoreJson("2024Q3");
        var units = root.GetProperty("towns").EnumerateArray().ToList();
        Assert.Equal("district", Assert.Single(units).GetProperty("level").GetString());
        var targets = root.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(21, targets.Count);
        var t19 = targets.Single(t => t.GetProperty("code").GetString() == "T19");
        Assert.Equal(("待录入", "100%", "区局录入（未录入）"), (t19.GetProperty("status").GetString(), t19.GetProperty("target").GetString(),
            t19.GetProperty("source").GetString()));
        Assert.Equal(JsonValueKind.Null, t19.GetProperty("toDate").ValueKind);
        // No 2023 data in this warehouse: the 同比 target says so rather than reading as missed.
        Assert.Equal("无上年基数", targets.Single(t => t.GetProperty("code").GetString() == "T06").GetProperty("status").GetString());
        Assert.Equal(10, root.GetProperty("townContributions").GetArrayLength());
    }

    [Fact]
    public void Judge_value_records_a_district_entry_that_score_reads()
    {
        var judge = Tools.Analytics("judge", "--db", fixture.DatabasePath, "--rubric", "putuo-2024", "--period", "2024Q3", "--town", "普陀区",
            "--item", "T18", "--value", "2", "--evaluator", "基层政权科 周科长", "--reason", "章家巷、陆一竣工验收");
        Assert.True(judge.ExitCode == 0, judge.Error + judge.Output);
        Assert.Contains("已录入：putuo-2024 2024Q3 普陀区（全区） T18 = 2个（首次录入），录入人 基层政权科 周科长，理由：章家巷、陆一竣工验收", judge.Output);

        var town = Tools.Analytics("judge", "--db", fixture.DatabasePath, "--rubric", "putuo-2024", "--period", "2024Q3", "--town", "宜川路街道",
            "--item", "T18", "--value", "3", "--evaluator", "周科长", "--reason", "街镇不能录入全区目标");
        Assert.NotEqual(0, town.ExitCode);
        Assert.Contains("只能按普陀区（全区）录入", town.Error + town.Output);

        // A level target: 2 of 3 communities is 有风险 in the year and scores 10 × 2 / 3 = 6.67; the entry stands in 2024Q4.
        foreach (var (period, status) in new[] { ("2024Q3", "有风险"), ("2024Q4", "未完成") })
        {
            var t18 = ScoreJson(period).GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "T18");
            Assert.Equal(("2个", status, 6.67m), (t18.GetProperty("toDateText").GetString(), t18.GetProperty("status").GetString(),
                t18.GetProperty("score").GetDecimal()));
            Assert.StartsWith("区局录入（基层政权科 周科长，", t18.GetProperty("source").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_district_briefing_lists_every_target_with_status_and_source_and_ranks_no_town()
    {
        var folder = Path.Combine(fixture.Root, "putuo");
        var year = Tools.Analytics("report", "--db", fixture.DatabasePath, "--period", BriefingFixture.Period, "--district", "普陀区", "--out", folder);
        Assert.True(year.ExitCode == 0, year.Error + year.Output);
        var text = Tools.Squeeze(Tools.PdfText(Path.Combine(folder, BriefingFixture.Period, "310107-普陀区", $"普陀区{BriefingFixture.Period}简报.pdf")));
        Assert.Contains("年度目标进度", text);
        Assert.Contains("全区目标21项", text);
        Assert.Contains("截至本期年度目标全年预计状态来源", text);
        Assert.Contains("新增养老床位200张", text);
        // The target name wraps inside its table cell, so only its first line is read whole.
        Assert.Contains("建立“长三角养老服务人才", text);
        Assert.Contains("待录入", text);
        Assert.Contains("区局录入", text);
        Assert.Contains("不计总分、不评等级、不排名", text);
        Assert.DoesNotContain("并列第一", text);
        Assert.DoesNotContain("视情给分项待评", text);
    }
}
