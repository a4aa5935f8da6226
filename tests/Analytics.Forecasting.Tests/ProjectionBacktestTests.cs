using Analytics.DuckDb;
using Analytics.Forecasting.Projections;

namespace Analytics.Forecasting.Tests;

[Collection(HardAnomalyCollection.Name)]
public sealed class ProjectionBacktestTests(HardAnomalyWarehouse fixture)
{
    private static IReadOnlyList<KindBacktest>? _results;

    private IReadOnlyList<KindBacktest> Results => _results ??= ProjectionBacktest.Run(fixture.Connection);

    private KindBacktest Kind(string code) => Results.Single(r => r.Kind.IndicatorCode == code);

    [Theory]
    [InlineData("eldercare.new_beds", "run_rate", "18.68", "95.96")]
    [InlineData("eldercare.new_beds", "fasttree", "18.71", "49.78")]
    [InlineData("eldercare.new_beds", "lightgbm", "18.71", "49.79")]
    [InlineData("eldercare.new_beds", "poisson", "17.96", "47.10")]
    [InlineData("assistance.temporary_cases", "run_rate", "22.60", "27.40")]
    [InlineData("assistance.temporary_cases", "fasttree", "7.53", "10.08")]
    [InlineData("assistance.temporary_cases", "lightgbm", "7.69", "10.25")]
    [InlineData("assistance.temporary_cases", "poisson", "7.46", "9.62")]
    [InlineData("hedui.submitted", "run_rate", "13.50", "1.36")]
    [InlineData("hedui.submitted", "fasttree", "18.81", "1.82")]
    [InlineData("hedui.submitted", "lightgbm", "19.19", "1.84")]
    [InlineData("hedui.submitted", "poisson", "14.34", "1.47")]
    public void Each_method_has_its_exact_backtest_errors_on_the_demo(string kind, string method, string mae, string mape)
    {
        var error = Kind(kind).Errors.Single(e => e.Method.Code() == method);
        Assert.Equal(decimal.Parse(mae, System.Globalization.CultureInfo.InvariantCulture), error.Mae);
        Assert.Equal(decimal.Parse(mape, System.Globalization.CultureInfo.InvariantCulture), error.Mape);
    }

    [Fact]
    public void A_model_ships_only_where_it_beats_the_run_rate_on_both_errors()
    {
        Assert.Equal(ProjectionMethod.Poisson, Kind("eldercare.new_beds").Shipped);
        Assert.Equal(ProjectionMethod.Poisson, Kind("assistance.temporary_cases").Shipped);
        Assert.Equal(ProjectionMethod.RunRate, Kind("hedui.submitted").Shipped);
        foreach (var k in Results.Where(k => k.Shipped != ProjectionMethod.RunRate))
        {
            Assert.True(k.Error(k.Shipped).Mae < k.Error(ProjectionMethod.RunRate).Mae);
            Assert.True(k.Error(k.Shipped).Mape < k.Error(ProjectionMethod.RunRate).Mape);
        }
    }

    [Fact]
    public void Every_year_end_of_2023_and_2024_is_projected_from_each_cut_q1_to_q3()
    {
        var rows = Kind("assistance.temporary_cases").Rows.Where(r => r.Method == ProjectionMethod.RunRate).ToList();
        Assert.Equal(288, rows.Count);
        Assert.Equal([2023, 2024], rows.Select(r => r.Year).Distinct().Order());
        Assert.Equal([1, 2, 3], rows.Select(r => r.Quarter).Distinct().Order());
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2024)]
    public void The_training_set_of_each_cut_has_no_row_of_the_target_year_or_later(int targetYear)
    {
        foreach (var kind in ProjectionKind.All)
        {
            var examples = ProjectionExample.From(TownYear.Read(fixture.Connection, kind));
            var training = ProjectionBacktest.TrainingSet(examples, targetYear);
            Assert.NotEmpty(training);
            Assert.All(training, e => Assert.True(e.Source!.Year < targetYear));
            // The previous-year shape of a training row comes from the year before it, never from the target year.
            Assert.All(training, e => Assert.True(e.Source!.Year - 1 < targetYear));
        }
    }

    [Fact]
    public void A_cut_sees_nothing_after_its_quarter()
    {
        var kind = ProjectionKind.Find("assistance.temporary_cases")!;
        var year = TownYear.Read(fixture.Connection, kind).First(y => y.Year == 2024 && y.IsComplete);
        var changed = year with { Quarters = [year.Quarters[0], year.Quarters[1], year.Quarters[2], year.Quarters[3] + 1000m] };
        var before = ProjectionExample.From([year]);
        var after = ProjectionExample.From([changed]);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i].Numeric, after[i].Numeric);
            Assert.Equal(before[i].Label + 1000f, after[i].Label);
        }
    }

    [Fact]
    public void The_run_rate_is_the_year_to_date_times_four_over_the_quarters_elapsed()
    {
        var row = Kind("assistance.temporary_cases").Rows.First(r => r.Method == ProjectionMethod.RunRate && r.Year == 2024 && r.Quarter == 3);
        using var command = fixture.Connection.CreateCommand();
        command.CommandText = "SELECT sum(value)::DECIMAL(18,2) FROM metric_value WHERE indicator_code = 'assistance.temporary_cases' AND level = 'town' " +
                              "AND town_key = $1 AND year = 2024 AND quarter <= 3";
        command.Parameters.AddValue(row.TownKey);
        var toDate = Convert.ToDecimal(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(toDate, row.YearToDate);
        Assert.Equal(Math.Round(toDate * 4m / 3m, 2), row.Projection);
    }

    [Fact]
    public void A_district_projection_uses_the_method_shipped_at_district_level_and_keeps_its_range_at_or_above_what_is_done()
    {
        var beds = DistrictProjection.For(fixture.Connection, Kind("eldercare.new_beds"), "310107", 2024, 2);
        using var command = fixture.Connection.CreateCommand();
        command.CommandText = "SELECT sum(value)::DECIMAL(18,2) FROM metric_value m JOIN dim_region r USING (town_key) " +
                              "WHERE indicator_code = 'eldercare.new_beds' AND level = 'town' AND r.district_code = '310107' AND year = 2024 AND quarter <= 2";
        var toDate = Convert.ToDecimal(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(toDate, beds.ToDate);
        Assert.Equal(Math.Round(toDate * 2m, 2), beds.RunRate);
        Assert.Equal(ProjectionMethod.Poisson, beds.Shipped);
        Assert.True(beds.Low >= beds.ToDate && beds.High >= beds.Low);

        // 核对委托户次 keeps the run rate for a 街镇 but ships FastTree for a district total.
        var requests = DistrictProjection.For(fixture.Connection, Kind("hedui.submitted"), "310107", 2024, 2);
        Assert.Equal(ProjectionMethod.FastTree, requests.Shipped);
        Assert.NotEqual(requests.RunRate, requests.Projection);
    }

    [Theory]
    [InlineData("eldercare.new_beds", "run_rate", "145.75", "66.74")]
    [InlineData("eldercare.new_beds", "poisson", "107.47", "42.35")]
    [InlineData("assistance.temporary_cases", "run_rate", "262.00", "26.05")]
    [InlineData("assistance.temporary_cases", "fasttree", "31.57", "3.08")]
    [InlineData("assistance.temporary_cases", "poisson", "44.56", "4.11")]
    [InlineData("hedui.submitted", "run_rate", "108.31", "0.95")]
    [InlineData("hedui.submitted", "fasttree", "79.30", "0.68")]
    public void Each_method_has_its_exact_district_level_backtest_errors_on_the_demo(string kind, string method, string mae, string mape)
    {
        var error = Kind(kind).DistrictErrors.Single(e => e.Method.Code() == method);
        Assert.Equal(decimal.Parse(mae, System.Globalization.CultureInfo.InvariantCulture), error.Mae);
        Assert.Equal(decimal.Parse(mape, System.Globalization.CultureInfo.InvariantCulture), error.Mape);
        // Four districts, two target years, three cuts.
        Assert.Equal(24, error.Rows);
    }

    [Fact]
    public void At_district_level_a_model_ships_per_kind_only_where_it_beats_the_run_rate_on_both_errors()
    {
        Assert.Equal([ProjectionMethod.Poisson, ProjectionMethod.FastTree, ProjectionMethod.FastTree], Results.Select(k => k.DistrictShipped));
        foreach (var k in Results)
        {
            Assert.True(k.DistrictError(k.DistrictShipped).Mae < k.DistrictError(ProjectionMethod.RunRate).Mae);
            Assert.True(k.DistrictError(k.DistrictShipped).Mape < k.DistrictError(ProjectionMethod.RunRate).Mape);
        }
    }

    [Fact]
    public void A_district_backtest_row_is_the_sum_of_its_towns_from_the_same_no_leakage_cut()
    {
        var k = Kind("assistance.temporary_cases");
        var district = k.DistrictRows.Single(r => r.Method == ProjectionMethod.Poisson && r.DistrictCode == "310107" && r.Year == 2024 && r.Quarter == 2);
        var towns = k.Rows.Where(r => r.Method == ProjectionMethod.Poisson && r.DistrictCode == "310107" && r.Year == 2024 && r.Quarter == 2).ToList();
        Assert.Equal(10, towns.Count);
        Assert.Equal((towns.Sum(r => r.YearToDate), towns.Sum(r => r.Projection), towns.Sum(r => r.Actual)), (district.YearToDate, district.Projection, district.Actual));
        var runRate = k.DistrictRows.Single(r => r.Method == ProjectionMethod.RunRate && r.DistrictCode == "310107" && r.Year == 2024 && r.Quarter == 2);
        Assert.Equal(Math.Round(district.YearToDate * 2m, 2), runRate.Projection);
    }
}
