namespace Analytics.Reports.Tests;

/// <summary>
/// `./analytics anomalies evaluate` on a demo warehouse without --truth: it reads the generator's ground_truth.json from
/// the drop the warehouse was loaded from, says so, and still scores the rules, RandomizedPca and both.
/// </summary>
[Collection(BriefingCollection.Name)]
public sealed class AnomalyEvaluateCommandTests(BriefingFixture fixture)
{
    [Fact]
    public void Evaluate_without_truth_reads_the_ground_truth_of_the_loaded_demo_drop_and_says_where()
    {
        var run = Tools.Analytics("anomalies", "evaluate", "--db", fixture.DatabasePath);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal($"标准答案 ground truth：{Path.Combine(fixture.DropFolder, "ground_truth.json")}（仓库最近一次装载的报送目录）", lines[0]);
        Assert.Contains("查准率 precision = 1.000；查全率 recall = 0.667", lines);
        Assert.Contains("  规则 rules：查准率 1.000（4/4）；查全率 0.667（4/6）", lines);
        Assert.Contains("  RandomizedPca：查准率 0.000（0/0）；查全率 0.000（0/6）", lines);
        Assert.Contains("  规则 + RandomizedPca：查准率 1.000（4/4）；查全率 0.667（4/6）", lines);
        // Recall below 0.8 on this two-quarter drop: the command says so by its exit code, as with --truth.
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Evaluate_without_truth_on_a_warehouse_whose_drop_has_no_ground_truth_says_to_pass_it()
    {
        var moved = Path.Combine(fixture.DropFolder, "ground_truth.json.moved");
        File.Move(Path.Combine(fixture.DropFolder, "ground_truth.json"), moved);
        try
        {
            var run = Tools.Analytics("anomalies", "evaluate", "--db", fixture.DatabasePath);
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains($"最近一次装载的报送目录 {fixture.DropFolder} 下没有 ground_truth.json（不是演示数据或已移走）；请用 --truth 指定", run.Error + run.Output);
        }
        finally
        {
            File.Move(moved, Path.Combine(fixture.DropFolder, "ground_truth.json"));
        }
    }
}
