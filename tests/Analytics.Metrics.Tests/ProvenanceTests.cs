using System.Text.RegularExpressions;
using Analytics.Metrics.Loading;

namespace Analytics.Metrics.Tests;

/// <summary>Every number of a rubric names its source: the notice's words or this system's stated choice.</summary>
public partial class ProvenanceTests
{
    private const string Rubric = """
        id: test-2024
        title: 测试方案
        district: { name: 松江区, code: "310117" }
        unit: town
        year: 2024
        version: "1"
        source: test
        total: 10
        grades: { excellent: 9, good: 8, pass: 6 }
        inputs:
          - { name: test.cases, unit: 例, meaning: 测试例数 }
        sections:
          - code: A
            name: 分区
            max: 10
            items:
              - { code: A1, name: 扣分项目, max: 6, rule: per_case_deduction, inputs: { count: test.cases }, params: { per_case: 0.5 } }
              - { code: A2, name: 视情项目, max: 4, rule: judgement }
        provenance:
          total: { seed: "总分 10 分" }
          grades: { assumption: 通知未给等级线 }
          sections.A.max: { seed: "分区（10 分）" }
          items.A1: { seed: "每发现 1 例扣 0.5 分（6 分）" }
        """;

    public static TheoryData<string> Ids => new() { "changning-2023", "songjiang-2024", "qingpu-2024", "putuo-2024" };

    private static RubricValidationException Invalid(string yaml) =>
        Assert.Throws<RubricValidationException>(() => RubricLoader.Parse(yaml, "test-2024.yaml"));

    [Fact]
    public void A_number_without_provenance_is_rejected_and_its_path_named()
    {
        var e = Invalid(Rubric);
        var error = Assert.Single(e.Errors);
        Assert.Equal("以下 1 个数字缺少来源，请在文件末尾 provenance 中补充 seed（通知原文）或 assumption（本系统设定的理由） (numbers without provenance): items.A2.max", error);
    }

    [Fact]
    public void Every_path_without_provenance_is_listed_in_one_message()
    {
        var e = Invalid(Rubric.Replace("\n  items.A1: { seed: \"每发现 1 例扣 0.5 分（6 分）\" }", ""));
        Assert.Contains(e.Errors, m => m.EndsWith("(numbers without provenance): items.A1.max, items.A1.params.per_case, items.A2.max", StringComparison.Ordinal));
    }

    [Fact]
    public void A_provenance_key_that_matches_no_number_is_rejected()
    {
        var e = Invalid(Rubric + "\n  items.A2.max: { assumption: 每项按分值计 }\n  items.A3.max: { assumption: 笔误 }");
        Assert.Equal(["provenance 键 items.A3.max 不对应任何数字 (provenance key matches no number)"], e.Errors);
    }

    [Fact]
    public void An_entry_must_be_either_a_seed_quote_or_an_assumption()
    {
        var e = Invalid(Rubric + "\n  items.A2.max: { seed: 原文, assumption: 理由 }");
        Assert.Contains(e.Errors, m => m.StartsWith("provenance 键 items.A2.max: 需要 seed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_most_specific_entry_gives_a_numbers_source()
    {
        var rubric = RubricLoader.Parse(Rubric + "\n  items.*: { assumption: 每项按分值计 }", "test-2024.yaml");
        var a1 = rubric.Provenance.ItemNumbers("A1").ToList();
        Assert.Equal(["items.A1.max", "items.A1.params.per_case"], a1.Select(n => n.Path));
        Assert.All(a1, n => Assert.Equal(ProvenanceKind.Seed, n.Source.Kind));
        var a2 = Assert.Single(rubric.Provenance.ItemNumbers("A2"));
        Assert.Equal(("4", ProvenanceKind.Assumption, "每项按分值计"), (a2.Value, a2.Source.Kind, a2.Source.Text));
        Assert.True(rubric.Provenance.ItemRestsOnAssumption("A2"));
        Assert.False(rubric.Provenance.ItemRestsOnAssumption("A1"));
        Assert.Equal(["等级线", "部分逐项分值"], rubric.Provenance.AssumedKinds);
    }

    [Fact]
    public void Songjiang_weights_are_the_notices_and_its_line_points_ours()
    {
        var provenance = RubricCatalog.Get("songjiang-2024").Provenance;
        var weight = Assert.Single(provenance.SectionNumbers("S3"));
        Assert.Equal(("sections.S3.weight", "20", "养老服务和老龄事业（20 分）"), (weight.Path, weight.Value, weight.Source.Text));
        var s36b = provenance.ItemNumbers("S3.6b").ToDictionary(n => n.Path);
        Assert.Equal(ProvenanceKind.Assumption, s36b["items.S3.6b.max"].Source.Kind);
        Assert.Equal(("80", "持等级证率 80%"), (s36b["items.S3.6b.params.value"].Value, s36b["items.S3.6b.params.value"].Source.Text));
        Assert.All(provenance.RubricNumbers.Where(n => n.Path.StartsWith("grades.", StringComparison.Ordinal)),
            n => Assert.Equal(ProvenanceKind.Assumption, n.Source.Kind));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_seed_quote_occurs_in_the_notice_the_rubric_names(string id)
    {
        var rubric = RubricCatalog.Get(id);
        var notice = Normalised(File.ReadAllText(Path.Combine(RepoRoot(), "metrics", "rubrics", rubric.Source)));
        var quotes = rubric.Provenance.Entries.Where(e => e.Kind == ProvenanceKind.Seed).ToList();
        Assert.NotEmpty(quotes);
        Assert.Empty(quotes.Where(q => !notice.Contains(Normalised(q.Text), StringComparison.Ordinal)).Select(q => q.Key));
    }

    [Theory]
    [InlineData("changning-2023", "等级线、部分逐项分值为本系统设定（通知未给出）")]
    [InlineData("songjiang-2024", "等级线、逐项分值、部分评分参数为本系统设定（通知未给出）")]
    [InlineData("qingpu-2024", "等级线、分区分值、加扣分上限、逐项分值、部分评分参数为本系统设定（通知未给出）")]
    [InlineData("putuo-2024", "等级线、分区分值、逐项分值、部分评分参数为本系统设定（通知未给出）")]
    public void The_footnote_names_what_kinds_of_numbers_rest_on_our_assumptions(string id, string footnote)
    {
        var rubric = RubricCatalog.Get(id);
        Assert.Equal(3, rubric.Provenance.RubricNumbers.Count(n => n.Path.StartsWith("grades.", StringComparison.Ordinal) && n.Source.IsAssumption));
        Assert.Equal(footnote, rubric.Provenance.Footnote);
    }

    // The notices are PDF text: lines break inside words, so every whitespace run is dropped before comparing.
    private static string Normalised(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();

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
