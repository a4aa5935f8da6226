using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Reports.Content;

namespace Analytics.Reports.Tests;

public sealed class SummaryTemplateTests
{
    private static readonly Indicator Cases = IndicatorCatalog.Get("assistance.temporary_cases");
    private static readonly Indicator Rate = IndicatorCatalog.Get("hedui.overdue_rate");
    private static readonly Indicator Amount = IndicatorCatalog.Get("assistance.payment_amount");

    [Theory]
    [InlineData(12.34, "同比增长 12.3%")]
    [InlineData(-3.45, "同比下降 3.5%")]
    [InlineData(0.04, "与上年同期持平")]
    [InlineData(0, "与上年同期持平")]
    public void Counts_change_in_percent(double percent, string expected) =>
        Assert.Equal(expected, SummaryTemplates.YearOnYear(new HeadlineFigure(Cases, 1234m, (decimal)percent, 1m, null, null)));

    [Theory]
    [InlineData(1.25, "同比上升 1.3 个百分点")]
    [InlineData(-0.4, "同比下降 0.4 个百分点")]
    [InlineData(0.01, "与上年同期持平")]
    public void Rates_change_in_percentage_points(double points, string expected) =>
        Assert.Equal(expected, SummaryTemplates.YearOnYear(new HeadlineFigure(Rate, 10m, 99m, (decimal)points, null, null)));

    [Fact]
    public void Without_a_base_the_sentence_says_so() =>
        Assert.Equal("临时救助人次 1,234 人次，无上年同期数据，环比增长 5.0%",
            SummaryTemplates.Headline(new HeadlineFigure(Cases, 1234m, null, null, 5m, 58.8m)));

    [Fact]
    public void A_year_has_no_quarter_on_quarter_clause() =>
        Assert.Equal("临时救助人次 1,234 人次，同比增长 12.3%", SummaryTemplates.Headline(new HeadlineFigure(Cases, 1234m, 12.3m, 135m, null, null)));

    [Theory]
    [InlineData(24302701.24, "2,430.27 万元")]
    [InlineData(9999, "9,999 元")]
    public void Amounts_of_ten_thousand_yuan_or_more_are_in_wan(double value, string expected) =>
        Assert.Equal(expected, ChineseNumbers.Value(Amount, (decimal)value));

    [Fact]
    public void Rates_show_one_decimal_and_missing_values_a_dash()
    {
        Assert.Equal("10.1%", ChineseNumbers.Value(Rate, 10.0566m));
        Assert.Equal("—", ChineseNumbers.Value(Rate, null));
    }

    [Fact]
    public void Document_numbers_follow_the_bureau_style()
    {
        var songjiang = new Analytics.Metrics.District("松江区", "310117");
        Assert.Equal("松民政简〔2024〕第4号", BriefingReader.DocumentNumber(songjiang, Analytics.Metrics.AssessmentPeriod.ForQuarter(2024, 4)));
        Assert.Equal("上海市松江区民政局", BriefingReader.Issuer(songjiang));
    }

    [Fact]
    public void A_district_without_a_rubric_of_the_year_uses_its_nearest_with_a_note()
    {
        var changning = RubricChoice.For("310105", 2024)!;
        Assert.Equal("changning-2023", changning.Source.Id);
        Assert.Equal(2024, changning.Rubric.Year);
        Assert.Contains("沿用 2023 年度方案 changning-2023", changning.Note);
        var songjiang = RubricChoice.For("310117", 2024)!;
        Assert.Same(songjiang.Source, songjiang.Rubric);
        Assert.Null(songjiang.Note);
        Assert.Null(RubricChoice.For("310115", 2024));
    }
}
