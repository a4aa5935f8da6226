using Analytics.Etl.Tests.Support;

namespace Analytics.Etl.Tests;

/// <summary>A damaged or unreachable warehouse stops the work before anything more is written, and nothing creates one by mistake.</summary>
[Collection(EtlCollection.Name)]
public sealed class StorageFaultTests(DemoDropFixture drop) : IDisposable
{
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public void A_checksum_error_stops_the_loads_with_a_chinese_message_and_records_nothing_more()
    {
        foreach (var quarter in new[] { "2024Q1", "2024Q2", "2024Q3", "2024Q4" })
        {
            _bed.LoadDemo("verification", quarter);
        }

        _bed.Warehouse.Checkpoint();
        var length = new FileInfo(_bed.DatabasePath).Length;
        using (var file = new FileStream(_bed.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            // Another content over the middle half of the file, where the loaded facts are.
            file.Position = length / 4;
            file.Write(Enumerable.Repeat((byte)0x5A, (int)(length / 2)).ToArray());
        }

        var error = Assert.Throws<WarehouseStorageException>(() =>
        {
            foreach (var quarter in new[] { "2024Q1", "2024Q2", "2024Q3", "2024Q4" })
            {
                _bed.LoadDemo("verification", quarter);
            }
        });

        Assert.Matches(@"^verification/2024Q[1-4]：仓库文件损坏或无法写入，已停止装载，之后不再向该文件提交任何数据；请检查磁盘并从备份恢复仓库文件后重试 \(warehouse storage fault: .*checksum.*\)。$", error.Message);
        var cli = CommandLine.Run("etl", "run", "--sources", drop.Root, "--db", _bed.DatabasePath, "--pseudonym-key", TestBed.KeyHex, "--source", "verification");
        Assert.Equal(1, cli.Exit);
        Assert.Contains("仓库文件损坏或无法写入，已停止装载", CommandLine.WithoutSpaces(cli.Output + cli.Error));
    }

    [Fact]
    public void A_load_into_a_folder_that_does_not_exist_is_refused_and_creates_nothing()
    {
        var missing = Path.Combine(_bed.Folder, "typo");

        var (exit, _, stderr) = CommandLine.Run("etl", "run", "--sources", drop.Root, "--db", Path.Combine(missing, "w.duckdb"));

        Assert.Equal(1, exit);
        Assert.Equal($"装载错误 (load error): 仓库目录不存在：{missing}（不会自动创建，请检查 --db 的路径）(warehouse folder not found)。", stderr.Trim());
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Status_and_sql_on_a_missing_warehouse_are_errors_and_create_no_file()
    {
        var missing = Path.Combine(_bed.Folder, "w2.duckdb");

        var status = CommandLine.Run("etl", "status", "--db", missing);
        var sql = CommandLine.Run("sql", "--db", missing, "SELECT 1");

        Assert.Equal((2, $"输入错误 (bad input): 找不到仓库文件 {missing}（etl status 不会新建仓库）(warehouse file not found)"), (status.Exit, status.Error.Trim()));
        Assert.Equal((2, $"输入错误 (bad input): 找不到仓库文件 {missing}（sql 不会新建仓库；内存数据库请用 --db :memory:）(warehouse file not found)"), (sql.Exit, sql.Error.Trim()));
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void A_refused_load_without_a_key_leaves_no_key_file_and_no_key_fingerprint()
    {
        _bed.Copy("verification", "2024Q3");
        File.Delete(_bed.PathOf("verification/2024Q3/verifiers.csv"));
        var database = Path.Combine(_bed.Folder, "fresh.duckdb");

        var (exit, output, _) = CommandLine.Run("etl", "run", "--sources", _bed.Sources, "--db", database);

        Assert.Equal(1, exit);
        Assert.Contains("verification/2024Q3/verifiers.csv：缺少文件(filemissing)。", CommandLine.WithoutSpaces(output));
        Assert.False(File.Exists(database + ".pseudonym-key"));
        Assert.Equal("", CommandLine.Run("sql", "--db", database, "--format", "csv",
            "SELECT value FROM warehouse_meta WHERE key = 'pseudonym_key_fingerprint'").Output.Replace("value", "").Trim());
    }
}
