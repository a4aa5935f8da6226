using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>A quarter without data or an unknown district is a 404 with a Chinese message, never another quarter's figures.</summary>
[Collection(DashboardCollection.Name)]
public sealed class PublicNotFoundTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData("/api/v1/districts?quarter=2030Q1", "没有“2030Q1”的数据：季度须为已装载的季度，写作 2024Q3（已装载的季度见 /api/v1/quarters）。")]
    [InlineData("/api/v1/districts?quarter=latest", "没有“latest”的数据：季度须为已装载的季度，写作 2024Q3（已装载的季度见 /api/v1/quarters）。")]
    [InlineData("/api/v1/districts/310117/towns?quarter=2024Q1", "没有“2024Q1”的数据：季度须为已装载的季度，写作 2024Q3（已装载的季度见 /api/v1/quarters）。")]
    [InlineData("/api/v1/trends/310000?quarter=2030Q1", "没有“2030Q1”的数据：季度须为已装载的季度，写作 2024Q3（已装载的季度见 /api/v1/quarters）。")]
    [InlineData("/api/v1/districts/999999/towns", "没有代码为“999999”的区（各区代码见 /api/v1/districts）。")]
    [InlineData("/api/v1/trends/999999?quarter=2024Q4", "没有代码为“999999”的区（各区代码见 /api/v1/districts）。")]
    public async Task The_api_answers_404_with_a_Chinese_message(string path, string message)
    {
        var response = await fixture.Anonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("未找到", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(message, problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/?quarter=2030Q1")]
    [InlineData("/?quarter=latest")]
    [InlineData("/districts/310117?quarter=2030Q1")]
    [InlineData("/districts/999999")]
    // 街镇 pages: unknown, the unassigned remainder, a 街镇 of another district, an unknown district.
    [InlineData("/districts/310117/towns/nope")]
    [InlineData("/districts/310117/towns/未注明街镇")]
    [InlineData("/districts/310117/towns/赵巷镇")]
    [InlineData("/districts/310118/towns/岳阳街道")]
    [InlineData("/districts/999999/towns/岳阳街道")]
    public async Task The_pages_answer_404_and_show_no_figures(string path)
    {
        var response = await fixture.Anonymous().GetAsync(path);

        // .NET 10 ends a static page that set 404 without its body (the host's not-found page shows instead): no other quarter's figures.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("data-chart", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loaded_quarter_still_answers_with_its_own_figures()
    {
        var response = await fixture.Anonymous().GetAsync("/api/v1/districts?quarter=2024Q3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2024Q3", json.RootElement.GetProperty("quarter").GetString());
    }

    [Fact]
    public async Task The_town_bar_chart_lists_the_towns_largest_first_with_hidden_cells_last()
    {
        var client = fixture.Anonymous();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/districts/310117/towns?quarter=2024Q4"));
        var expected = json.RootElement.GetProperty("rows").EnumerateArray()
            .Where(r => !r.GetProperty("isTotal").GetBoolean())
            .Select(r => (Name: r.GetProperty("name").GetString()!, Code: r.GetProperty("code").GetString()!,
                Value: r.GetProperty("cells")[0].GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : (decimal?)null))
            .OrderBy(r => r.Value is null).ThenByDescending(r => r.Value).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => r.Name)
            .ToList();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/districts/310117?quarter=2024Q4"));
        using var options = JsonDocument.Parse(page.QuerySelector(".bars .chart")!.GetAttribute("data-chart")!);
        var labels = options.RootElement.GetProperty("yAxis").GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(expected, labels);
        Assert.Equal(17, labels.Count);
    }
}
