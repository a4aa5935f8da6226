using Analytics.Sources;

namespace Analytics.DemoData.Tests;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("2024Q3", 2024, 3)]
    [InlineData("2022q1", 2022, 1)]
    [InlineData(" 2025Q4 ", 2025, 4)]
    public void Parse_reads_year_and_number(string text, int year, int number)
    {
        var quarter = Quarter.Parse(text);
        Assert.Equal(year, quarter.Year);
        Assert.Equal(number, quarter.Number);
        Assert.Equal($"{year}Q{number}", quarter.ToString());
    }

    [Theory]
    [InlineData("2024Q5")]
    [InlineData("2024Q0")]
    [InlineData("2024-3")]
    [InlineData("24Q3")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_rejects_malformed_text(string? text) => Assert.False(Quarter.TryParse(text, out _));

    [Fact]
    public void Parse_failure_message_is_chinese() =>
        Assert.Contains("季度", Assert.Throws<FormatException>(() => Quarter.Parse("2024Q9")).Message);

    [Fact]
    public void First_and_last_day_bound_the_quarter()
    {
        Assert.Equal(new DateOnly(2024, 7, 1), Quarter.Parse("2024Q3").FirstDay);
        Assert.Equal(new DateOnly(2024, 9, 30), Quarter.Parse("2024Q3").LastDay);
        Assert.Equal(new DateOnly(2024, 3, 31), Quarter.Parse("2024Q1").LastDay);
        Assert.Equal(new DateOnly(2023, 12, 31), Quarter.Parse("2023Q4").LastDay);
    }

    [Fact]
    public void Next_and_previous_cross_year_boundaries()
    {
        Assert.Equal(Quarter.Parse("2025Q1"), Quarter.Parse("2024Q4").Next());
        Assert.Equal(Quarter.Parse("2023Q4"), Quarter.Parse("2024Q1").Previous());
        Assert.Equal(Quarter.Parse("2023Q3"), Quarter.Parse("2024Q3").SamePeriodLastYear());
    }

    [Fact]
    public void Comparison_orders_by_year_then_number()
    {
        Assert.True(Quarter.Parse("2023Q4") < Quarter.Parse("2024Q1"));
        Assert.True(Quarter.Parse("2024Q2") > Quarter.Parse("2024Q1"));
        Assert.Equal(0, Quarter.Parse("2024Q2").CompareTo(new Quarter(2024, 2)));
        Assert.Equal(16, Quarter.Range(Quarter.Parse("2022Q1"), Quarter.Parse("2025Q4")).Count());
    }

    [Fact]
    public void Of_maps_a_date_to_its_quarter()
    {
        Assert.Equal(Quarter.Parse("2024Q2"), Quarter.Of(new DateOnly(2024, 6, 30)));
        Assert.Equal(Quarter.Parse("2024Q3"), Quarter.Of(new DateOnly(2024, 7, 1)));
    }
}
