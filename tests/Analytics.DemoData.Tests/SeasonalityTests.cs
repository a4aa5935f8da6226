namespace Analytics.DemoData.Tests;

/// <summary>帮困送温暖 is a Q1 one-off, 临时救助 peaks in Q1, and volumes grow year over year.</summary>
[Collection(DemoDropCollection.Name)]
public sealed class SeasonalityTests(DemoDrop drop)
{
    private int Count(string quarter, string column, string value)
    {
        var csv = drop.Read("assistance", "payments", quarter);
        var index = csv.Index(column);
        return csv.Rows.Count(r => r[index] == value);
    }

    [Fact]
    public void Festival_relief_is_paid_only_in_the_first_quarter()
    {
        for (var year = 2022; year <= 2025; year++)
        {
            Assert.True(Count($"{year}Q1", "payment_type", "festival_relief") > 100_000);
            for (var q = 2; q <= 4; q++) Assert.Equal(0, Count($"{year}Q{q}", "payment_type", "festival_relief"));
        }
    }

    [Fact]
    public void Temporary_assistance_is_higher_in_the_first_quarter()
    {
        for (var year = 2023; year <= 2024; year++)
        {
            var q1 = Count($"{year}Q1", "category", "temporary_assistance");
            var rest = Enumerable.Range(2, 3).Average(q => Count($"{year}Q{q}", "category", "temporary_assistance"));
            Assert.True(q1 > 1.4 * rest, $"{year}: Q1 {q1} vs {rest}");
        }
    }

    [Fact]
    public void Meals_and_organisations_grow_year_over_year()
    {
        long Meals(int year) => drop.ReadYear("eldercare", "meals", year).Sum(csv => csv.Rows.Sum(r => long.Parse(r[csv.Index("subsidised_meals")])));
        int Organisations(int year)
        {
            var csv = drop.Read("socialorg", "organisations", $"{year}Q4");
            return csv.Rows.Count(r => r[csv.Index("status")] == "active");
        }
        Assert.True(Meals(2024) > Meals(2023) * 1.05);
        Assert.True(Organisations(2025) > Organisations(2023));
    }

    [Fact]
    public void Towns_differ_in_size_and_quality()
    {
        var csv = drop.Read("reference", "population", "2023Q4");
        var sizes = csv.Rows.Where(r => r[0] == "310117").Select(r => int.Parse(r[csv.Index("resident_population")])).ToList();
        Assert.True(sizes.Max() > 2 * sizes.Min());
        var requests = drop.Read("verification", "requests", "2023Q4");
        int town = requests.Index("town_name"), returned = requests.Index("returned_by_city");
        var rates = requests.Rows.GroupBy(r => r[town]).Select(g => g.Count(r => r[returned] == "true") / (double)g.Count()).ToList();
        Assert.True(rates.Max() > 2 * rates.Min() + 0.01);
    }
}
