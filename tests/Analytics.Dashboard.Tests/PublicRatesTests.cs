using System.Globalization;
using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Statistics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Warehouse;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Dashboard.Tests;

/// <summary>
/// The public per-capita rates beside the 街镇 counts: each one the shown count over the area's quarter-end population
/// (read here straight from the reference facts), withheld with its count, and never a way back to a hidden count.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PublicRatesTests(DashboardFixture fixture)
{
    private PublicStatistics Statistics => fixture.Services.GetRequiredService<PublicStatistics>();

    private PublicRates Rates => fixture.Services.GetRequiredService<PublicRates>();

    [Fact]
    public void Every_shown_rate_is_its_shown_count_per_quarter_end_population_of_its_area()
    {
        var populations = TownPopulations();
        var checkedRates = 0;
        foreach (var quarter in DashboardFixture.Quarters)
        {
            foreach (var district in Statistics.Districts())
            {
                var table = Statistics.TownTable(district.Code, quarter)!;
                var rates = Rates.For(table, quarter);
                for (var r = 0; r < table.Rows.Count; r++)
                {
                    var row = table.Rows[r];
                    var towns = row.IsTotal ? district.Towns.Select(t => t.Code) : [row.Code];
                    var known = towns.Where(t => populations.ContainsKey((t, RawFigures.QuarterKey(quarter)))).ToList();
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        var basis = PublicRates.BasisOf(table.Columns[c].Code)!;
                        var rate = rates.Rows[r][c]!;
                        if (row.Cells[c].IsHidden || known.Count == 0)
                        {
                            Assert.Null(rate.Value);
                            continue;
                        }

                        var population = known.Sum(t => populations[(t, RawFigures.QuarterKey(quarter))][basis.PopulationIndicator]);
                        Assert.Equal(population, rate.Population);
                        Assert.Equal(Math.Round(row.Cells[c].Value!.Value * basis.Per / population, 2, MidpointRounding.AwayFromZero), rate.Value);
                        checkedRates++;
                    }
                }
            }
        }

        Assert.True(checkedRates > 400, $"only {checkedRates} rates checked");
    }

    [Fact]
    public void A_rate_whose_count_is_hidden_is_withheld_in_words_with_the_counts_state()
    {
        var hidden = 0;
        foreach (var quarter in DashboardFixture.Quarters)
        {
            foreach (var district in Statistics.Districts())
            {
                var table = Statistics.TownTable(district.Code, quarter)!;
                var rates = Rates.For(table, quarter);
                foreach (var (row, r) in table.Rows.Select((row, r) => (row, r)))
                {
                    foreach (var (cell, c) in row.Cells.Select((cell, c) => (cell, c)).Where(x => x.cell.IsHidden))
                    {
                        var rate = rates.Rows[r][c]!;
                        Assert.Equal((cell.State, SuppressionPolicy.WithheldRateMark, (decimal?)null), (rate.State, rate.Display, rate.Value));
                        hidden++;
                    }
                }
            }
        }

        Assert.True(hidden > 10, $"only {hidden} hidden counts");
    }

    [Fact]
    public void Songjiang_2024Q4_dibao_per_10000_residents_reads_as_worked_out_by_hand()
    {
        var quarter = DashboardFixture.Quarters[^1];
        var table = Statistics.TownTable("310117", quarter)!;
        var rates = Rates.For(table, quarter);
        var dibao = table.Columns.ToList().FindIndex(c => c.Code == "dibao");
        var total = table.Rows.Count - 1;

        Assert.Equal((HandCount, HandPopulation), (table.Rows[total].Cells[dibao].Value, rates.Rows[total][dibao]!.Population));
        Assert.Equal(HandRate, rates.Rows[total][dibao]!.Value);
        Assert.Equal("21.12", rates.Rows[total][dibao]!.Display);

        // The same count and population as the leaders' comparison reads from metric_value: one definition of the rate.
        using var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect();
        IndicatorEngine.RefreshIfStale(connection);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT indicator_code, CAST(value AS BIGINT) FROM metric_value
            WHERE level = 'district' AND district_code = '310117' AND period = '2024Q4' AND indicator_code IN ('dibao.recipients', 'population.resident')
            ORDER BY 1
            """;
        using var reader = command.ExecuteReader();
        var comparison = new List<(string, long)>();
        while (reader.Read())
        {
            comparison.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        Assert.Equal([("dibao.recipients", HandCount), ("population.resident", HandPopulation)], comparison);
    }

    [Fact]
    public void A_rate_published_beside_its_population_would_give_away_a_hidden_count()
    {
        // A "<10" cell of 7 in a 街镇 of 10,000 residents: its rate per 10,000 would be exactly 7.
        var system = new PublishedSystem();
        var small = system.Add("dibao|2024Q4|t1", 7, CellState.BelowThreshold);
        var policy = new SuppressionPolicy(10);
        Assert.True(DisclosureCheck.Run(system, policy).Single().IsProtected);

        system.Facts.Add(PublishedRateFact.For(small, 7.00m, 10_000, 10_000m));

        var attacked = DisclosureCheck.Run(system, policy).Single();
        Assert.Equal(new CellInterval(7, 7), attacked.Interval);
        Assert.False(attacked.IsProtected);
    }

    // 松江 2024Q4: 4,055 低保 recipients among 1,919,548 residents; 4055 / 1919548 × 10,000 = 21.1248 → 21.12.
    private const long HandCount = 4055;
    private const long HandPopulation = 1_919_548;
    private const decimal HandRate = 21.12m;

    /// <summary>(town code, quarter key) → population quantity → value, from fact_reference_population and dim_region.</summary>
    private Dictionary<(string Town, int QuarterKey), Dictionary<string, long>> TownPopulations()
    {
        using var connection = fixture.Services.GetRequiredService<WarehouseDatabase>().Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.town_code, p.quarter_key, max(p.resident_population), max(p.registered_elderly)
            FROM fact_reference_population p JOIN dim_region r USING (town_key) GROUP BY ALL
            """;
        using var reader = command.ExecuteReader();
        var result = new Dictionary<(string, int), Dictionary<string, long>>();
        while (reader.Read())
        {
            result[(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture))] = new()
            {
                ["population.resident"] = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                ["population.registered_elderly"] = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
            };
        }

        return result;
    }
}
