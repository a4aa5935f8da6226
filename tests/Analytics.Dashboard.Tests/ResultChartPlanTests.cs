using Analytics.Charts;
using Analytics.Dashboard.SavedQueries;
using Analytics.Dashboard.Sql;

namespace Analytics.Dashboard.Tests;

/// <summary>Which columns a console result's chart takes by default, and the cap on points drawn.</summary>
public sealed class ResultChartPlanTests
{
    [Fact]
    public void The_first_text_column_is_the_category_and_the_numeric_columns_are_the_series()
    {
        var result = new SqlResult(
            [new SqlColumn("n", "INTEGER"), new SqlColumn("town", "VARCHAR"), new SqlColumn("rate", "DECIMAL(9,2)")],
            [["1", "新桥镇", "12.50"], ["2", "泗泾镇", null]], 2, false, null, TimeSpan.Zero);
        var plan = ResultChartPlan.For(result, new ChartSettings(ChartSettings.Bar, null, []));
        Assert.Equal("town", plan.Settings.X);
        Assert.Equal(["n", "rate"], plan.Settings.Series);
        Assert.Null(plan.CapNotice);
        var json = ChartJson.Serialize(plan.Options!);
        Assert.Contains("\"data\":[\"新桥镇\",\"泗泾镇\"]", json, StringComparison.Ordinal);
        Assert.Contains("\"data\":[12.50,null]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void At_most_500_points_are_drawn_and_the_plan_says_so()
    {
        var rows = Enumerable.Range(0, 1000).Select(i => (IReadOnlyList<string?>)[i.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ToList();
        var plan = ResultChartPlan.For(new SqlResult([new SqlColumn("x", "VARCHAR"), new SqlColumn("y", "BIGINT")],
            rows.Select(r => (IReadOnlyList<string?>)[r[0], r[0]]).ToList(), 50_000, true, null, TimeSpan.Zero), new ChartSettings(ChartSettings.Line, null, []));
        Assert.Equal("图中只画出前 500 行（每张图最多 500 个点），结果共 50,000 行。", plan.CapNotice);
    }
}
