using System.Net;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>Every table of every page has a CSV download that works for the same user.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CsvLinkTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/", false)]
    [InlineData("/districts/310107?quarter=2024Q3", false)]
    [InlineData("/methodology", false)]
    [InlineData("/admin/runs", true)]
    [InlineData("/admin/quarantine", true)]
    [InlineData("/admin/jobs", true)]
    [InlineData("/admin/users", true)]
    [InlineData("/admin/audit", true)]
    public async Task Every_table_has_a_working_csv_download(string page, bool admin)
    {
        var client = admin ? await fixture.AdminAsync() : fixture.Anonymous();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync(page));
        var tables = document.QuerySelectorAll("table:not(.trend)").Length;
        var links = document.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).Where(h => h.Contains("format=csv")).ToList();
        Assert.True(tables > 0);
        Assert.True(links.Count >= tables, $"{page}: {tables} tables, {links.Count} CSV links");
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
