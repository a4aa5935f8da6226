using System.Globalization;
using System.Text.Json;
using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Statistics;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The per-capita rates of the public 街镇 table in the open-data API, as JSON and as CSV: the same figures as the pages,
/// with their population, its source and its date, and a withheld rate wherever the count is hidden.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OpenDataRatesTests(DashboardFixture fixture)
{
    private const string Path = "/api/v1/districts/310117/towns?quarter=2024Q4";
    private const string PopulationSource = "人口与区划基础数据 · 街镇人口（fact_reference_population）";

    [Fact]
    public async Task The_town_table_gives_each_rate_column_its_unit_population_source_and_date()
    {
        using var json = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync(Path));
        var columns = json.RootElement.GetProperty("rates").GetProperty("columns").EnumerateArray()
            .ToDictionary(c => c.GetProperty("indicator").GetString()!);

        // Every public count has a basis: elderly care per 1,000 registered elderly, the rest per 10,000 residents.
        Assert.Equal(PublicIndicator.All.Select(i => i.Code).ToList(), columns.Keys.ToList());
        var dibao = columns["dibao"];
        Assert.Equal(("低保在册人数", "人/万人", "每万名常住人口", 10_000m, "population.resident", "常住人口", PopulationSource, "2024-12-31"),
            (dibao.GetProperty("name").GetString(), dibao.GetProperty("unit").GetString(), dibao.GetProperty("basis").GetString(), dibao.GetProperty("per").GetDecimal(),
             dibao.GetProperty("population").GetString(), dibao.GetProperty("populationName").GetString(), dibao.GetProperty("populationSource").GetString(),
             dibao.GetProperty("populationAsOf").GetString()));
        var beds = columns["eldercare_beds"];
        Assert.Equal(("张/千名老人", 1_000m, "population.registered_elderly", "户籍老年人口"),
            (beds.GetProperty("unit").GetString(), beds.GetProperty("per").GetDecimal(), beds.GetProperty("population").GetString(), beds.GetProperty("populationName").GetString()));
        Assert.Equal(PublicRates.Note, json.RootElement.GetProperty("rates").GetProperty("note").GetString());
    }

    [Fact]
    public async Task Yueyang_2024Q4_rates_read_as_worked_out_by_hand_and_its_hidden_count_withholds_its_rate()
    {
        using var json = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync(Path));
        var rates = json.RootElement.GetProperty("rates");
        var columns = rates.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("indicator").GetString()!).ToList();
        var yueyang = rates.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "岳阳街道").GetProperty("rates");
        var total = rates.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("isTotal").GetBoolean()).GetProperty("rates");

        // 503 beds among 23,460 registered elderly: 503 / 23,460 × 1,000 = 21.4408 → 21.44.
        var beds = yueyang[columns.IndexOf("eldercare_beds")];
        Assert.Equal((21.44m, "21.44", "Shown", 23_460L), (beds.GetProperty("value").GetDecimal(), beds.GetProperty("display").GetString(),
            beds.GetProperty("state").GetString(), beds.GetProperty("population").GetInt64()));

        // 5 institutions: "<10", so the rate is withheld under words, not under "<10".
        var institutions = yueyang[columns.IndexOf("eldercare_institutions")];
        Assert.Equal((JsonValueKind.Null, "不公布", "BelowThreshold"), (institutions.GetProperty("value").ValueKind, institutions.GetProperty("display").GetString(),
            institutions.GetProperty("state").GetString()));

        // The district: 4,055 低保 recipients among 1,919,548 residents (PublicRatesTests) → 21.12.
        var dibao = total[columns.IndexOf("dibao")];
        Assert.Equal((21.12m, 1_919_548L), (dibao.GetProperty("value").GetDecimal(), dibao.GetProperty("population").GetInt64()));
    }

    [Fact]
    public async Task The_csv_carries_the_rates_after_the_counts_and_the_populations_with_source_and_date_in_their_header()
    {
        var csv = Downloads.Csv(await fixture.Anonymous().GetByteArrayAsync(Path + "&format=csv"));
        var header = csv[0];
        var yueyang = csv.Single(r => r[1] == "岳阳街道");
        var total = csv.Single(r => r[1] == "松江区合计");
        string Cell(List<string> row, string column) => row[header.IndexOf(column)];

        Assert.Equal("503", Cell(yueyang, "养老机构核定床位（张）"));
        Assert.Equal("21.44", Cell(yueyang, "养老机构核定床位按人口（张/千名老人）"));
        Assert.Equal("<10", Cell(yueyang, "养老机构数（家）"));
        Assert.Equal("不公布", Cell(yueyang, "养老机构数按人口（家/千名老人）"));
        Assert.Equal("23460", Cell(yueyang, $"户籍老年人口（人，截至 2024-12-31，来源：{PopulationSource}）"));
        Assert.Equal("21.12", Cell(total, "低保在册人数按人口（人/万人）"));
        Assert.Equal("1919548", Cell(total, $"常住人口（人，截至 2024-12-31，来源：{PopulationSource}）"));
        Assert.Equal(2 + 2 * PublicIndicator.All.Count + 2, header.Count);
    }

    [Fact]
    public async Task Page_csv_and_api_show_every_rate_of_the_district_alike()
    {
        var quarter = Analytics.Sources.Quarter.Parse("2024Q4");
        var statistics = fixture.Services.GetRequiredService<PublicStatistics>();
        var table = statistics.TownTable("310117", quarter)!;
        var expected = fixture.Services.GetRequiredService<PublicRates>().For(table, quarter).Rows
            .Select(row => row.OfType<PublishedRate>().Select(r => r.Display).ToList()).ToList();
        Assert.Contains(expected, row => row.Contains(SuppressionPolicy.WithheldRateMark));
        var client = fixture.Anonymous();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/districts/310117?quarter=2024Q4"));
        var onPage = page.QuerySelectorAll("section.stat-table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td[data-rate]").Select(td => td.TextContent).ToList()).ToList();
        using var json = JsonDocument.Parse(await client.GetStringAsync(Path));
        var inApi = json.RootElement.GetProperty("rates").GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("rates").EnumerateArray().Select(x => x.GetProperty("display").GetString()!).ToList()).ToList();
        var csv = Downloads.Csv(await client.GetByteArrayAsync(Path + "&format=csv"));
        var first = 2 + table.Columns.Count;
        var inCsv = csv.Skip(1).Select(r => r.Skip(first).Take(table.Columns.Count)
            .Select(cell => decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? Analytics.Reports.Content.ChineseNumbers.Rate(v) : cell).ToList()).ToList();

        Assert.Equal(expected, onPage);
        Assert.Equal(expected, inApi);
        Assert.Equal(expected, inCsv);
    }

    [Fact]
    public async Task The_openapi_description_of_the_town_table_names_the_rates_and_the_withheld_mark()
    {
        using var json = JsonDocument.Parse(await fixture.Anonymous().GetStringAsync("/openapi/v1.json"));
        var get = json.RootElement.GetProperty("paths").GetProperty("/api/v1/districts/{district}/towns").GetProperty("get");
        Assert.Contains("按人口比率", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains($"display 为 \"{SuppressionPolicy.WithheldRateMark}\"", get.GetProperty("description").GetString(), StringComparison.Ordinal);
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("TownTableAnswer").GetProperty("properties").TryGetProperty("rates", out _));
        Assert.Equal(
            ["indicator", "name", "unit", "basis", "per", "population", "populationName", "populationSource", "populationAsOf"],
            schemas.GetProperty("RateColumn").GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList());
    }
}
