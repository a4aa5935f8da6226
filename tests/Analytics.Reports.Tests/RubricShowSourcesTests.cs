using System.Text.Json;

namespace Analytics.Reports.Tests;

/// <summary>`./analytics rubric show` prints every number of a rubric with its source, as the methodology page does.</summary>
public sealed class RubricShowSourcesTests
{
    [Fact]
    public void Table_lists_each_number_with_the_notice_quote_or_the_reason_for_a_chosen_number()
    {
        var run = Tools.Analytics("rubric", "show", "songjiang-2024");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("数字来源", StringComparison.Ordinal));
        var total = Assert.Single(lines, l => l.Contains("│ 总分", StringComparison.Ordinal));
        Assert.Contains("│ 100  │ 通知原文   │ 「社区服务满意度及民政工作（100 分）」", total, StringComparison.Ordinal);
        var pass = Assert.Single(lines, l => l.Contains("│ 合格线", StringComparison.Ordinal));
        Assert.Contains("│ 60   │ 本系统设定 │ 通知未给出等级线，采用全市考核通行的", pass, StringComparison.Ordinal);
        Assert.Contains("* 等级线、逐项分值、部分评分参数为本系统设定（通知未给出）；据此得出的总分和等级标注 *。", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_gives_each_number_its_path_kind_and_text()
    {
        var run = Tools.Analytics("rubric", "show", "songjiang-2024", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var sources = json.RootElement.GetProperty("sources").EnumerateArray().ToList();
        var total = Assert.Single(sources, s => s.GetProperty("path").GetString() == "total");
        Assert.Equal("100", total.GetProperty("value").GetString());
        Assert.Equal("通知原文", total.GetProperty("kind").GetString());
        Assert.Equal("社区服务满意度及民政工作（100 分）", total.GetProperty("text").GetString());
        var good = Assert.Single(sources, s => s.GetProperty("path").GetString() == "grades.good");
        Assert.Equal("本系统设定", good.GetProperty("kind").GetString());
        Assert.Equal("80", good.GetProperty("value").GetString());
        Assert.All(sources, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("text").GetString())));
        Assert.Equal("等级线、逐项分值、部分评分参数为本系统设定（通知未给出）", json.RootElement.GetProperty("footnote").GetString());
    }
}
