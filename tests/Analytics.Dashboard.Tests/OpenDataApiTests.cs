using System.Net;
using System.Text;
using System.Text.Json;

namespace Analytics.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class OpenDataApiTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Districts_table_has_every_district_and_the_city_total()
    {
        using var json = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/api/v1/districts?quarter=2024Q4"));
        var root = json.RootElement;
        Assert.Equal("2024Q4", root.GetProperty("quarter").GetString());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        Assert.True(new HashSet<string> { "长宁区", "普陀区", "松江区", "青浦区", "全市" }.SetEquals(rows.Select(r => r.GetProperty("name").GetString()!)));
        Assert.True(rows[^1].GetProperty("isTotal").GetBoolean());
        var columns = root.GetProperty("columns").GetArrayLength();
        Assert.All(rows, r => Assert.Equal(columns, r.GetProperty("cells").GetArrayLength()));
        var dibaoCity = rows[^1].GetProperty("cells")[0];
        Assert.Equal("Shown", dibaoCity.GetProperty("state").GetString());
        Assert.True(dibaoCity.GetProperty("value").GetInt64() > 100);
    }

    [Fact]
    public async Task Town_table_lists_the_towns_of_the_district()
    {
        using var json = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/api/v1/districts/310117/towns"));
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.True(rows.Count > 5);
        Assert.Contains(rows, r => r.GetProperty("name").GetString() == "岳阳街道");
        Assert.Equal("松江区合计", rows[^1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Unknown_district_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Anonymous().GetAsync("/api/v1/districts/999999/towns")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Anonymous().GetAsync("/api/v1/trends/999999")).StatusCode);
    }

    [Fact]
    public async Task Quarters_and_indicators_are_listed()
    {
        var client = fixture.Anonymous();
        Assert.Equal(["2024Q3", "2024Q4"], JsonSerializer.Deserialize<string[]>(await client.GetStringAsync("/api/v1/quarters"))!);
        using var indicators = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators"));
        Assert.Contains(indicators.RootElement.EnumerateArray(), i => i.GetProperty("name").GetString() == "低保在册人数");
    }

    [Theory]
    [InlineData("/api/v1/districts?format=csv", "districts.csv")]
    [InlineData("/api/v1/districts/310107/towns?quarter=2024Q3&format=csv", "towns-310107.csv")]
    [InlineData("/api/v1/trends/310000?format=csv", "trends-310000.csv")]
    public async Task Csv_downloads_have_a_header_and_rows(string path, string fileName)
    {
        var response = await fixture.Anonymous().GetAsync(path);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(fileName, response.Content.Headers.ContentDisposition?.ToString());
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3);
        Assert.Contains("低保在册人数", text);
    }

    [Fact]
    public async Task Json_and_csv_show_the_same_numbers()
    {
        var client = fixture.Anonymous();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/districts/310118/towns"));
        var csv = Downloads.Csv(await client.GetStringAsync("/api/v1/districts/310118/towns?format=csv")).Skip(1).ToList();
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Count, csv.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var cells = rows[i].GetProperty("cells").EnumerateArray()
                .Select(c => c.GetProperty("value").ValueKind == JsonValueKind.Number ? c.GetProperty("value").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : c.GetProperty("display").GetString()!)
                .ToList();
            // The counts follow the area's code and name; the rates and populations come after them.
            Assert.Equal(cells, csv[i].Skip(2).Take(cells.Count).ToList());
        }
    }

    [Fact]
    public async Task OpenApi_document_describes_the_public_api()
    {
        var response = await fixture.Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/districts", paths);
        Assert.Contains("/api/v1/districts/{district}/towns", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/api/admin", StringComparison.Ordinal) || p.StartsWith("/account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Healthz_reports_database_scheduler_and_data()
    {
        var response = await fixture.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ready", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("open", json.RootElement.GetProperty("database").GetString());
        Assert.Equal("running", json.RootElement.GetProperty("scheduler").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task Public_pages_render_tables_charts_and_csv_links()
    {
        var html = await fixture.Anonymous().GetStringAsync("/");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
        Assert.NotEmpty(document.QuerySelectorAll("[data-chart]"));
        Assert.Contains(document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("format=csv"));
        Assert.Contains(document.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.StartsWith("/districts/310117", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync("/lib/charts/charts.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync("/lib/echarts/echarts.min.js")).StatusCode);
    }
}
