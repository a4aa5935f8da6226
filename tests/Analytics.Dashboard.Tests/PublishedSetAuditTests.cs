using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>The disclosure audit on the demo warehouse the host serves: everything published, attacked together.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PublishedSetAuditTests(DashboardFixture fixture)
{
    private PublishedSetAudit Audit() =>
        new(fixture.Services.GetRequiredService<PublicStatistics>(), fixture.Services.GetRequiredService<PublicRates>(),
            fixture.Services.GetRequiredService<SuppressionPolicy>());

    [Fact]
    public void The_published_set_of_the_demo_warehouse_leaves_no_cell_recovered_or_narrower_than_its_protection()
    {
        var lines = Audit().Run();

        Assert.Equal(PublicIndicator.All.Count * DashboardFixture.Quarters.Length, lines.Count);
        Assert.Equal(0, lines.Sum(l => l.Recovered));
        Assert.Empty(lines.SelectMany(l => l.Cells).Where(c => !c.Protection.IsProtected).Select(c => $"{c.AreaName} {c.Protection.Interval}"));
        var small = lines.SelectMany(l => l.Cells).Where(c => c.Protection.State == CellState.BelowThreshold).ToList();
        Assert.NotEmpty(small);
        Assert.Contains(lines.SelectMany(l => l.Cells), c => c.Protection.State == CellState.Complementary);
        Assert.All(small.Where(c => c.Protection.Required == new CellInterval(1, 9)), c => Assert.True(c.Protection.Interval.Contains(new CellInterval(1, 9))));
    }

    [Fact]
    public void A_period_filter_reports_only_that_quarter()
    {
        var lines = Audit().Run(q => q == DashboardFixture.Quarters[^1]);
        Assert.Equal(PublicIndicator.All.Count, lines.Count);
        Assert.All(lines, l => Assert.Equal(DashboardFixture.Quarters[^1], l.Quarter));
    }

    [Fact]
    public void Every_shown_public_count_is_the_raw_figure_of_its_area()
    {
        var statistics = fixture.Services.GetRequiredService<PublicStatistics>();
        var raw = fixture.Services.GetRequiredService<WarehouseFigures>().Read();
        var checkedCells = 0;
        foreach (var quarter in DashboardFixture.Quarters)
        {
            foreach (var district in raw.Districts)
            {
                var table = statistics.TownTable(district.Code, quarter)!;
                for (var c = 0; c < table.Columns.Count; c++)
                {
                    foreach (var row in table.Rows.Where(r => r.Cells[c].State == CellState.Shown))
                    {
                        var towns = row.IsTotal ? district.Towns : district.Towns.Where(t => t.Code == row.Code);
                        Assert.Equal(towns.Sum(t => raw.ValueOf(table.Columns[c].Code, quarter, t.Code)), row.Cells[c].Value);
                        checkedCells++;
                    }
                }
            }
        }

        Assert.True(checkedCells > 500, $"only {checkedCells} shown cells checked");
    }
}
