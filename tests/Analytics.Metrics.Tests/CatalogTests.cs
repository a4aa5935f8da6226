using System.Text.RegularExpressions;

namespace Analytics.Metrics.Tests;

/// <summary>The shipped rubric files: all present, consistent with the notices' totals and with docs/rubric-inputs.md.</summary>
public class CatalogTests
{
    [Fact]
    public void The_four_seed_rubrics_are_embedded_with_their_district_codes()
    {
        var byId = RubricCatalog.All.ToDictionary(r => r.Id, r => (r.District.Name, r.District.Code, r.Year));
        Assert.Equal(("长宁区", "310105", 2023), byId["changning-2023"]);
        Assert.Equal(("松江区", "310117", 2024), byId["songjiang-2024"]);
        Assert.Equal(("青浦区", "310118", 2024), byId["qingpu-2024"]);
        Assert.Equal(("普陀区", "310107", 2024), byId["putuo-2024"]);
        Assert.Same(RubricCatalog.Get("songjiang-2024"), RubricCatalog.ForDistrict("310117", 2024));
    }

    [Fact]
    public void Changning_sections_are_25_25_25_15_10_with_bonus_5_and_deduction_5()
    {
        var rubric = RubricCatalog.Get("changning-2023");
        Assert.Equal(new[] { 25m, 25m, 25m, 15m, 10m }, rubric.Sections.Where(s => s.Kind == SectionKind.Standard).Select(s => s.Maximum));
        Assert.Equal(5m, rubric.Sections.Single(s => s.Kind == SectionKind.Bonus).Cap);
        Assert.Equal(5m, rubric.Sections.Single(s => s.Kind == SectionKind.Deduction).Cap);
        Assert.Single(rubric.Vetoes);
    }

    [Fact]
    public void Songjiang_domain_weights_are_18_18_20_18_6_20()
    {
        Assert.Equal(new[] { 18m, 18m, 20m, 18m, 6m, 20m }, RubricCatalog.Get("songjiang-2024").Sections.Select(s => s.Weight!.Value));
    }

    [Fact]
    public void Changning_uses_exactly_the_agreed_input_names()
    {
        string[] agreed =
        [
            "hedui.certified_verifiers", "hedui.trained_verifiers", "hedui.incomplete_applications", "hedui.civil_overdue",
            "hedui.civil_total", "hedui.housing_overdue", "hedui.housing_total", "hedui.civil_returned", "hedui.civil_submitted",
            "hedui.housing_returned", "hedui.housing_submitted", "hedui.training_attended", "hedui.training_required",
            "staff.assistance_workers", "population.registered", "findings.review_process", "assistance.periodic_reviews_late",
            "findings.tekun_review", "findings.temp_assistance", "findings.medical_assistance", "dibao.uninsured_cases",
            "findings.four_medical_list", "findings.employment_assistance", "findings.improper_inclusion",
            "assistance.follow_ups_late", "findings.publicity", "disaster.max_report_delay_hours", "help.excellent_cases",
            "findings.misconduct_cases", "findings.care_injuries", "findings.care_deaths", "findings.criminal_case",
            "findings.vagrant_patrol_missed", "findings.vagrant_placement_missed", "findings.vagrant_assistance",
            "dibao.recipients", "dibao.recipients_reported",
        ];
        var declared = RubricCatalog.Get("changning-2023").Inputs.Select(i => i.Name).ToHashSet();
        Assert.Equal(agreed.Order(), declared.Order());
    }

    [Fact]
    public void Shipped_rubrics_use_every_rule_type_but_yes_no_and_each_item_describes_its_rule()
    {
        var used = RubricCatalog.All.SelectMany(r => r.Items).Select(i => i.Rule.Type).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "judgement", "threshold_step", "threshold", "tiered", "ratio_to_target", "growth", "per_case_deduction",
            "capped_sum", "penalty", "target",
        }, used);
        Assert.All(RubricCatalog.All.SelectMany(r => r.Items), i => Assert.False(string.IsNullOrWhiteSpace(i.Rule.Describe(i.Maximum))));
    }

    [Fact]
    public void Changning_has_an_item_for_every_evaluation_line_of_the_notice()
    {
        var codes = RubricCatalog.Get("changning-2023").Items.Select(i => i.Code).ToList();
        // 评价内容 per section in notice 002: A 5, B 8, C 6, D 6, E 2; bonus 3 clauses; deduction 2 clauses.
        string[] lines =
        [
            "A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "C1", "C2", "C3", "C4", "C5", "C6",
            "D1", "D2", "D3", "D4", "D5", "D6", "E1", "E2", "F1", "F2", "F3", "G1", "G2",
        ];
        Assert.All(lines, line => Assert.Contains(codes, c => c == line || c.StartsWith(line + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void Songjiang_has_an_item_for_each_of_the_32_assessment_lines()
    {
        var lines = RubricCatalog.Get("songjiang-2024").Items.Select(i => i.Code.TrimEnd('a', 'b')).Distinct().Count();
        Assert.Equal(32, lines);
    }

    [Fact]
    public void Result_numbers_carry_no_trailing_zeros_for_json()
    {
        var result = RubricEvaluator.Evaluate(RubricCatalog.Get("changning-2023"), TestInputs.ChangningFull().Build());
        Assert.Equal("15", result.Sections.Single(s => s.Code == "D").Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("100", result.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_input_of_every_rubric_is_documented_in_rubric_inputs_md()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rubric-inputs.md"));
        var documented = Regex.Matches(doc, @"^\| `([a-z0-9_.]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
        var all = RubricCatalog.All.SelectMany(r => r.Inputs).Select(i => i.Name).ToHashSet();
        Assert.Empty(all.Except(documented));
        Assert.Empty(documented.Except(all));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Analytics.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Analytics.sln not found above the test binaries");
    }
}
