using Analytics.Metrics.Loading;

namespace Analytics.Metrics.Tests;

/// <summary>Rubric files are checked on load; errors name the file and the item.</summary>
public class ValidationTests
{
    private const string Header = """
        id: test-2024
        title: 测试方案
        district: { name: 松江区, code: "310117" }
        unit: town
        year: 2024
        version: "1"
        source: test
        total: 10
        grades: { excellent: 9, good: 8, pass: 6 }
        provenance:
          "*": { assumption: 测试方案，全部数字为测试设定 }
        inputs:
          - { name: test.cases, unit: 例, meaning: 测试例数 }
          - { name: test.flag, unit: 是/否, meaning: 是否建立制度 }
        """;

    private static string Rubric(string sections) => Header + "\n" + sections;

    private const string ValidSections = """
        sections:
          - code: A
            name: 分区
            max: 10
            items:
              - { code: A1, name: 扣分项目, max: 6, rule: per_case_deduction, inputs: { count: test.cases }, params: { per_case: 0.5 } }
              - { code: A2, name: 是否项目, max: 4, rule: yes_no, inputs: { value: test.flag } }
        """;

    private static RubricValidationException Invalid(string yaml) =>
        Assert.Throws<RubricValidationException>(() => RubricLoader.Parse(yaml, "test-2024.yaml"));

    [Theory]
    [InlineData("unit: town\n", null)]
    [InlineData("unit: district\n", null)]
    [InlineData("unit: street\n", "unit street 无效")]
    [InlineData("", "unit （缺失） 无效")]
    public void The_unit_of_assessment_must_be_town_or_district(string unitLine, string? error)
    {
        var yaml = Rubric(ValidSections).Replace("unit: town\n", unitLine, StringComparison.Ordinal);
        if (error is null)
        {
            Assert.NotNull(RubricLoader.Parse(yaml, "test-2024.yaml"));
        }
        else
        {
            var e = Assert.Throws<RubricValidationException>(() => RubricLoader.Parse(yaml, "test-2024.yaml"));
            Assert.Contains(error, e.Message);
        }
    }

    [Fact]
    public void A_valid_inline_rubric_loads()
    {
        var rubric = RubricLoader.Parse(Rubric(ValidSections), "test-2024.yaml");
        Assert.Equal(2, rubric.Items.Count());
        Assert.Equal(new GradeThresholds(9m, 8m, 6m), rubric.Grades);
    }

    [Fact]
    public void Yes_no_scores_full_for_1_nothing_for_0_and_rejects_other_values()
    {
        var rubric = RubricLoader.Parse(Rubric(ValidSections), "test-2024.yaml");
        RubricInputs With(decimal flag) => new(new Dictionary<string, decimal?> { ["test.flag"] = flag, ["test.cases"] = 0 },
            new Dictionary<string, Judgement>(), new Dictionary<string, decimal?>());
        Assert.Equal(4m, RubricEvaluator.Evaluate(rubric, With(1)).Item("A2").Score);
        Assert.Equal(0m, RubricEvaluator.Evaluate(rubric, With(0)).Item("A2").Score);
        Assert.Throws<RubricInputException>(() => RubricEvaluator.Evaluate(rubric, With(2)));
    }

    [Fact]
    public void Unknown_rule_type_is_reported_with_file_and_item()
    {
        var e = Invalid(Rubric(ValidSections.Replace("rule: yes_no", "rule: magic")));
        Assert.Equal("test-2024.yaml", e.FileName);
        Assert.Contains(e.Errors, m => m.Contains("A2") && m.Contains("magic"));
        Assert.Contains("test-2024.yaml", e.Message);
    }

    [Fact]
    public void Missing_rule_parameter_is_reported()
    {
        var e = Invalid(Rubric(ValidSections.Replace("params: { per_case: 0.5 }", "params: {}")));
        Assert.Contains(e.Errors, m => m.Contains("A1") && m.Contains("per_case"));
    }

    [Fact]
    public void Items_not_adding_up_to_the_section_maximum_are_reported()
    {
        var e = Invalid(Rubric(ValidSections.Replace("max: 4, rule: yes_no", "max: 3, rule: yes_no").Replace("total: 10", "total: 10")));
        Assert.Contains(e.Errors, m => m.Contains("分区 A") && m.Contains("item maxima do not add up"));
    }

    [Fact]
    public void Sections_not_adding_up_to_the_total_are_reported()
    {
        var e = Invalid(Rubric(ValidSections).Replace("total: 10", "total: 100"));
        Assert.Contains(e.Errors, m => m.Contains("section maxima do not add up"));
    }

    [Fact]
    public void Undeclared_input_name_is_reported()
    {
        var e = Invalid(Rubric(ValidSections.Replace("count: test.cases", "count: test.other")));
        Assert.Contains(e.Errors, m => m.Contains("A1") && m.Contains("test.other"));
    }

    [Fact]
    public void Misspelt_parameter_key_is_a_load_error_not_silently_ignored()
    {
        var e = Invalid(Rubric(ValidSections.Replace("per_case: 0.5", "per_cases: 0.5")));
        Assert.Contains(e.Errors, m => m.Contains("per_cases"));
    }

    [Fact]
    public void Id_must_match_the_file_name()
    {
        var e = Assert.Throws<RubricValidationException>(() => RubricLoader.Parse(Rubric(ValidSections), "other-2024.yaml"));
        Assert.Contains(e.Errors, m => m.Contains("id"));
    }

    [Fact]
    public void Duplicate_item_codes_are_reported()
    {
        var e = Invalid(Rubric(ValidSections.Replace("code: A2", "code: A1")));
        Assert.Contains(e.Errors, m => m.Contains("duplicate item code"));
    }

    [Fact]
    public void Tier_condition_on_an_unknown_role_is_reported()
    {
        var sections = """
            sections:
              - code: A
                name: 分区
                max: 10
                items:
                  - code: A1
                    name: 分档
                    max: 10
                    rule: tiered
                    inputs: { cases: test.cases, flag: test.flag }
                    params: { tiers: [ { score: 10, when: "certified >= 2" } ] }
            """;
        var e = Invalid(Rubric(sections));
        Assert.Contains(e.Errors, m => m.Contains("A1") && m.Contains("certified"));
    }

    [Fact]
    public void Capped_sum_cap_must_equal_the_item_maximum()
    {
        var yaml = Rubric(ValidSections.Replace(
            "rule: per_case_deduction, inputs: { count: test.cases }, params: { per_case: 0.5 }",
            "rule: capped_sum, inputs: { count: test.cases }, params: { per_case: 0.5, cap: 5 }"));
        Assert.Contains(Invalid(yaml).Errors, m => m.Contains("A1") && m.Contains("cap"));
    }

    [Fact]
    public void Penalty_rule_outside_a_deduction_section_is_reported()
    {
        var yaml = Rubric(ValidSections.Replace(
            "rule: per_case_deduction, inputs: { count: test.cases }, params: { per_case: 0.5 }",
            "rule: penalty, inputs: { cases: test.cases }, params: { points: { cases: 1 } }"));
        Assert.Contains(Invalid(yaml).Errors, m => m.Contains("A1") && m.Contains("penalty"));
    }

    [Fact]
    public void Declared_but_unused_input_is_reported()
    {
        var yaml = Rubric(ValidSections).Replace("inputs:\n", "inputs:\n  - { name: test.unused, unit: 个, meaning: 未用 }\n");
        Assert.Contains(Invalid(yaml).Errors, m => m.Contains("test.unused"));
    }

    [Fact]
    public void Grade_thresholds_out_of_order_are_reported()
    {
        var yaml = Rubric(ValidSections).Replace("grades: { excellent: 9, good: 8, pass: 6 }", "grades: { excellent: 6, good: 8, pass: 5 }");
        Assert.Contains(Invalid(yaml).Errors, m => m.Contains("grade thresholds"));
    }

    [Fact]
    public void Broken_yaml_reports_line_and_column()
    {
        var e = Invalid("id: [unclosed");
        Assert.Contains(e.Errors, m => m.Contains("第 1 行"));
    }

    [Fact]
    public void A_rubric_file_path_loads_like_an_embedded_one()
    {
        var path = Path.Combine(Path.GetTempPath(), $"test-2024-{Guid.NewGuid():N}", "test-2024.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Rubric(ValidSections));
        try
        {
            Assert.Equal("test-2024", RubricCatalog.LoadFile(path).Id);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
