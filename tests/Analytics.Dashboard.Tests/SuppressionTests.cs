using System.Globalization;
using System.Text.Json;
using Analytics.Dashboard.Disclosure;
using AngleSharp.Html.Parser;

namespace Analytics.Dashboard.Tests;

/// <summary>No public number from 1 to 9 anywhere, and no hidden cell recoverable from a total.</summary>
[Collection(DashboardCollection.Name)]
public sealed class SuppressionTests(DashboardFixture fixture)
{
    private static readonly string[] Districts = ["310105", "310107", "310117", "310118"];

    private static IEnumerable<string> PublicPages() =>
        DashboardFixture.Quarters.SelectMany(q => Districts
            .SelectMany(d => new[] { $"/districts/{d}?quarter={q}", $"/districts/{d}?quarter={q}&indicator=tekun", $"/districts/{d}?quarter={q}&indicator=eldercare_institutions" })
            .Prepend($"/?quarter={q}"));

    private static IEnumerable<string> JsonTables() =>
        DashboardFixture.Quarters.SelectMany(q => Districts.Select(d => $"/api/v1/districts/{d}/towns?quarter={q}").Prepend($"/api/v1/districts?quarter={q}"));

    [Fact]
    public async Task No_count_from_1_to_9_on_any_public_page_or_chart()
    {
        var client = fixture.Anonymous();
        var parser = new HtmlParser();
        var counted = 0;
        var suppressed = 0;
        foreach (var page in PublicPages())
        {
            var document = parser.ParseDocument(await client.GetStringAsync(page));
            foreach (var cell in document.QuerySelectorAll("[data-count]"))
            {
                counted++;
                var text = cell.TextContent.Trim();
                if (text == "<10" || text == SuppressionPolicy.ComplementaryMark)
                {
                    suppressed++;
                    Assert.NotEqual(nameof(CellState.Shown), cell.GetAttribute("data-count"));
                    continue;
                }

                var value = long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                Assert.False(value is >= 1 and <= 9, $"{page}: a count of {value} is shown");
            }

            foreach (var chart in document.QuerySelectorAll("[data-chart]"))
            {
                using var options = JsonDocument.Parse(chart.GetAttribute("data-chart")!);
                foreach (var point in options.RootElement.GetProperty("series").EnumerateArray().SelectMany(s => s.GetProperty("data").EnumerateArray()))
                {
                    if (point.ValueKind == JsonValueKind.Number)
                    {
                        Assert.False(point.GetInt64() is >= 1 and <= 9, $"{page}: a chart shows {point.GetInt64()}");
                    }
                }
            }
        }

        Assert.True(counted > 500, $"only {counted} counts scanned");
        Assert.True(suppressed > 0, "the demo data should contain small counts that are suppressed");
    }

    [Fact]
    public async Task No_count_from_1_to_9_in_the_api_json_or_csv()
    {
        var client = fixture.Anonymous();
        foreach (var path in JsonTables().Concat(Districts.Prepend("310000").Select(a => $"/api/v1/trends/{a}")))
        {
            var text = await client.GetStringAsync(path);
            using var json = JsonDocument.Parse(text);
            foreach (var value in Values(json.RootElement))
            {
                Assert.False(value is >= 1 and <= 9, $"{path}: value {value}");
            }

            var csv = (await client.GetStringAsync(path + (path.Contains('?') ? "&" : "?") + "format=csv")).TrimStart('\uFEFF');
            foreach (var row in Downloads.Csv(csv).Skip(1))
            {
                foreach (var field in row.Skip(2))
                {
                    if (long.TryParse(field, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
                    {
                        Assert.False(number is >= 1 and <= 9, $"{path} csv: {number}");
                    }
                }
            }
        }
    }

    [Fact]
    public async Task No_hidden_cell_can_be_recovered_from_a_total()
    {
        var client = fixture.Anonymous();
        var secondary = 0;
        foreach (var path in JsonTables())
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync(path));
            var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
            var columns = json.RootElement.GetProperty("columns").GetArrayLength();
            for (var c = 0; c < columns; c++)
            {
                var cells = rows.Select(r => r.GetProperty("cells")[c]).ToList();
                var hidden = cells.Count(cell => cell.GetProperty("value").ValueKind == JsonValueKind.Null);
                Assert.True(hidden != 1, $"{path} column {c}: exactly one hidden cell, recoverable from the total");
                secondary += cells.Count(cell => cell.GetProperty("state").GetString() == nameof(CellState.Complementary));
                if (hidden == 0)
                {
                    // Fully shown: the total really is the sum of the rows.
                    Assert.Equal(cells[^1].GetProperty("value").GetInt64(), cells.SkipLast(1).Sum(cell => cell.GetProperty("value").GetInt64()));
                }
            }
        }

        Assert.True(secondary > 0, "secondary suppression should have been needed somewhere in the demo data");
    }

    [Fact]
    public async Task District_rows_agree_between_the_city_table_and_the_district_table()
    {
        var client = fixture.Anonymous();
        using var city = JsonDocument.Parse(await client.GetStringAsync("/api/v1/districts?quarter=2024Q4"));
        foreach (var district in Districts)
        {
            using var towns = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/districts/{district}/towns?quarter=2024Q4"));
            var inCity = city.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("code").GetString() == district);
            var total = towns.RootElement.GetProperty("rows").EnumerateArray().Last();
            Assert.Equal(Displays(inCity), Displays(total));
        }
    }

    private static IEnumerable<long> Values(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "value" && property.Value.ValueKind == JsonValueKind.Number)
                    {
                        yield return property.Value.GetInt64();
                    }
                    // Percentages and per-capita rates are not counts (a rate of a withheld count is withheld: OpenDataRatesTests).
                    else if (property.Name is not ("yearOnYearPercent" or "rates"))
                    {
                        foreach (var value in Values(property.Value))
                        {
                            yield return value;
                        }
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var value in Values(item))
                    {
                        yield return value;
                    }
                }

                break;
        }
    }

    private static List<string> Displays(JsonElement row) =>
        row.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("display").GetString()!).ToList();
}

/// <summary>The policy on its own: primary and secondary suppression over additive relations.</summary>
public sealed class SuppressionPolicyTests
{
    private readonly SuppressionPolicy _policy = new(10);

    [Fact]
    public void Counts_below_the_threshold_are_hidden_but_zero_is_shown()
    {
        var states = _policy.Suppress([0, 9, 10, 1], []);
        Assert.Equal([CellState.Shown, CellState.BelowThreshold, CellState.Shown, CellState.BelowThreshold], states);
        Assert.Equal("<10", _policy.Disclose(9, states[1]).Display);
        Assert.Null(_policy.Disclose(9, states[1]).Value);
    }

    [Fact]
    public void A_single_hidden_part_hides_the_smallest_non_zero_parts_until_its_whole_band_is_possible()
    {
        // total = 0 + 5 + 40 + 12 + 100. Hiding 12 alone leaves 5 + 12 = 17, so the "<10" cell could be at most 7;
        // hiding 40 as well leaves it anywhere from 1 to 9.
        long[] values = [157, 0, 5, 40, 12, 100];
        var states = _policy.Suppress(values, [new AdditiveRelation(0, [1, 2, 3, 4, 5])]);
        Assert.Equal([CellState.Shown, CellState.Shown, CellState.BelowThreshold, CellState.Complementary, CellState.Complementary, CellState.Shown], states);
    }

    [Fact]
    public void A_hidden_total_hides_a_part()
    {
        long[] values = [7, 3, 4];
        var states = _policy.Suppress(values, [new AdditiveRelation(0, [1, 2])]);
        Assert.All(states, s => Assert.NotEqual(CellState.Shown, s));
    }

    [Fact]
    public void Secondary_suppression_cascades_through_the_hierarchy()
    {
        // city(0) = d1(1) + d2(2); d1 = t1(3) + t2(4); d2 = t3(5) + t4(6). d1 = 8 is hidden, so d2 must be too,
        // and then one town of each district.
        long[] values = [208, 8, 200, 3, 5, 150, 50];
        var relations = new[] { new AdditiveRelation(0, [1, 2]), new AdditiveRelation(1, [3, 4]), new AdditiveRelation(2, [5, 6]) };
        var states = _policy.Suppress(values, relations);
        foreach (var relation in relations)
        {
            Assert.NotEqual(1, relation.Parts.Prepend(relation.Total).Count(i => states[i] != CellState.Shown));
        }

        Assert.Equal(CellState.Complementary, states[2]);
        Assert.Equal(CellState.Complementary, states[6]);
    }

    [Fact]
    public void Percentages_of_hidden_cells_are_hidden()
    {
        var shown = _policy.Disclose(120, CellState.Shown);
        var hidden = _policy.Disclose(130, CellState.Complementary);
        Assert.Null(_policy.PercentChange(shown, hidden));
        Assert.Null(_policy.Percent(hidden, shown));
        Assert.Equal(20.0m, _policy.PercentChange(shown, _policy.Disclose(100, CellState.Shown)));
    }
}
