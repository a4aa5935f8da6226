namespace Analytics.Reports.Tests;

/// <summary>
/// 长宁 (its 2023 scheme, carried over) and 青浦 2024 are assessed once a year: their 2024Q4 briefings and 成绩单 say so
/// instead of ranking every 街镇 at 0 points as 不合格.
/// </summary>
[Collection(BriefingCollection.Name)]
public sealed class AnnualSchemeBriefingTests(BriefingFixture fixture)
{
    [Theory]
    [InlineData("长宁区", "310105")]
    [InlineData("青浦区", "310118")]
    public void A_quarter_briefing_of_an_annual_scheme_says_it_is_assessed_in_december_and_ranks_nobody(string district, string code)
    {
        var folder = Path.Combine(fixture.Root, "annual-" + code);
        var run = Tools.Analytics("report", "--db", fixture.DatabasePath, "--period", BriefingFixture.Period, "--district", district, "--out", folder);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var directory = Path.Combine(folder, BriefingFixture.Period, $"{code}-{district}");

        var briefing = Tools.Squeeze(Tools.PdfText(Path.Combine(directory, $"{district}{BriefingFixture.Period}简报.pdf")));
        Assert.Contains("年度考核，12月评定，本期不排名", briefing);
        Assert.DoesNotContain("并列第一", briefing);
        Assert.DoesNotContain("得分0分", briefing);
        Assert.DoesNotContain("不合格", briefing);

        var scorecard = Directory.GetFiles(directory, "*成绩单.pdf").Order(StringComparer.Ordinal).First();
        var text = Tools.Squeeze(Tools.PdfText(scorecard, 1));
        Assert.Contains("年度考核，12月评定", text);
        Assert.DoesNotContain("总分0/0", text);
        Assert.DoesNotContain("不合格", text);
        Assert.DoesNotContain("全区排名", text);
    }
}
