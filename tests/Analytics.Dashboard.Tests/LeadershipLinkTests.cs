using Analytics.Dashboard.Security;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>Every number in the tables of the leadership pages is a link to its drill-down.</summary>
[Collection(DashboardCollection.Name)]
public sealed class LeadershipLinkTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/leader/scorecard?rubric=songjiang-2024&period=2024Q4", "table.scorecard, table.heat-table, table.distribution-table")]
    [InlineData("/leader/compare?period=2024Q4", "table.comparison")]
    [InlineData("/leader/scorecard/profile?rubric=songjiang-2024&period=2024Q4&town=PROFILE", "table.profile-sections, table.profile-trend, table.profile-indicators")]
    public async Task Every_number_links_to_its_drill_down(string page, string tables)
    {
        var client = await fixture.SignedInAsAsync("leader-links", Roles.Leader);
        page = page.Replace("PROFILE", Uri.EscapeDataString(fixture.Score("songjiang-2024", "2024Q4").Towns[0].Town.TownCode), StringComparison.Ordinal);
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        var cells = document.QuerySelectorAll(tables).SelectMany(t => t.QuerySelectorAll("tbody td")).Where(td => td.TextContent.Any(char.IsDigit)).ToList();
        Assert.NotEmpty(cells);
        Assert.All(cells, td => Assert.True(td.QuerySelector("a[href]") is not null, $"{page}: '{td.TextContent.Trim()}' has no link"));
    }
}
