using Analytics.Metrics.Warehouse.Quantities;

namespace Analytics.Metrics.Warehouse.Tests;

/// <summary>
/// docs/rubric-inputs.md states each input's SQL exactly as the quantity catalog computes it. Run with
/// <c>ANALYTICS_UPDATE_DOCS=1</c> to rewrite the generated section after a catalog change.
/// </summary>
public sealed class RubricInputSqlTests
{
    [Fact]
    public void Rubric_inputs_md_ends_with_the_generated_sql_of_every_input()
    {
        var path = Path.Combine(RepoRoot(), "docs", "rubric-inputs.md");
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var at = doc.IndexOf(RubricInputSql.Heading, StringComparison.Ordinal);
        var expected = RubricInputSql.Markdown();
        if (at >= 0 && doc[at..] != expected && Environment.GetEnvironmentVariable("ANALYTICS_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, doc[..at] + expected);
            return;
        }

        if (at < 0 || doc[at..] != expected)
        {
            var generated = Path.Combine(Path.GetTempPath(), "rubric-inputs-sql.md");
            File.WriteAllText(generated, expected);
            Assert.Fail($"docs/rubric-inputs.md differs from the catalog; replace its last section with {generated}, or run this test with ANALYTICS_UPDATE_DOCS=1");
        }
    }

    [Fact]
    public void Every_rubric_input_is_measured_by_the_warehouse()
    {
        Assert.DoesNotContain("not measured by the warehouse", RubricInputSql.Markdown(), StringComparison.Ordinal);
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
