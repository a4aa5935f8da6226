namespace Analytics.Metrics.Tests;

/// <summary>Bad evaluation inputs fail with a bilingual message naming the field, never a silent zero.</summary>
public class InputCheckTests
{
    private static readonly Rubric Changning = RubricCatalog.Get("changning-2023");

    [Fact]
    public void Unknown_input_name_is_rejected_naming_it()
    {
        var e = Assert.Throws<RubricInputException>(() =>
            RubricEvaluator.Evaluate(Changning, TestInputs.ChangningFull().Set("hedui.civil_overdu", 1).Build()));
        Assert.Contains("hedui.civil_overdu", e.Message);
        Assert.Contains("unknown input", e.Message);
    }

    [Fact]
    public void Unknown_previous_year_input_name_is_rejected()
    {
        Assert.Throws<RubricInputException>(() =>
            RubricEvaluator.Evaluate(Changning, TestInputs.ChangningFull().Before("no.such_input", 1).Build()));
    }

    [Fact]
    public void Judgement_for_an_unknown_item_is_rejected()
    {
        var e = Assert.Throws<RubricInputException>(() =>
            RubricEvaluator.Evaluate(Changning, TestInputs.ChangningFull().Judge("Z9", 1m).Build()));
        Assert.Contains("Z9", e.Message);
    }

    [Fact]
    public void Judgement_for_a_rule_scored_item_is_rejected()
    {
        var e = Assert.Throws<RubricInputException>(() =>
            RubricEvaluator.Evaluate(Changning, TestInputs.ChangningFull().Judge("C6.3a", 0.5m).Build()));
        Assert.Contains("C6.3a", e.Message);
    }

    [Fact]
    public void Negative_count_is_rejected()
    {
        var e = Assert.Throws<RubricInputException>(() =>
            RubricEvaluator.Evaluate(Changning, TestInputs.ChangningFull().Set("dibao.uninsured_cases", -1).Build()));
        Assert.Contains("dibao.uninsured_cases", e.Message);
    }

    [Theory]
    [InlineData("2024", 2024, null)]
    [InlineData("2024Q3", 2024, 3)]
    [InlineData("2023q1", 2023, 1)]
    public void Periods_parse_as_year_or_quarter(string text, int year, int? quarter)
    {
        Assert.True(AssessmentPeriod.TryParse(text, out var period));
        Assert.Equal(new AssessmentPeriod(year, quarter), period);
    }

    [Theory]
    [InlineData("2024Q5")]
    [InlineData("24")]
    [InlineData("")]
    public void Malformed_periods_do_not_parse(string text)
    {
        Assert.False(AssessmentPeriod.TryParse(text, out _));
    }
}
