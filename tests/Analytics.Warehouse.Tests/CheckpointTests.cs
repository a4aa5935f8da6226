namespace Analytics.Warehouse.Tests;

/// <summary>The warehouse defers checkpoints past DuckDB's 16 MB log threshold and folds the log in when asked.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public void Writes_stay_in_the_log_until_the_warehouse_checkpoints_and_then_the_file_holds_them()
    {
        using var file = new WarehouseFile();
        var warehouse = file.Open();
        using (var connection = warehouse.Connect())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT current_setting('checkpoint_threshold')";
            Assert.Equal("256.0 MiB", command.ExecuteScalar());

            // Small commits go to the log row by row: 200 of them make about 20 MB of log, past DuckDB's default
            // threshold and below the warehouse's.
            WarehouseFile.Execute(connection, "CREATE TABLE bulk (id BIGINT, note VARCHAR)");
            for (var batch = 0; batch < 200; batch++)
            {
                WarehouseFile.Execute(connection, $"INSERT INTO bulk SELECT range, repeat('x', 80) || range FROM range({batch * 2_500}, {(batch + 1) * 2_500})");
            }

            var log = new FileInfo(file.Path + ".wal");
            Assert.True(log.Exists && log.Length > 16 << 20, $"log of {(log.Exists ? log.Length : 0)} bytes");

            warehouse.Checkpoint();
            log.Refresh();
            Assert.True(!log.Exists || log.Length == 0, $"log of {(log.Exists ? log.Length : 0)} bytes after the checkpoint");
        }

        // Reopened from the file alone, the rows are all there.
        File.Delete(file.Path + ".wal");
        using var reopened = file.Open().Connect();
        Assert.Equal(500_000, WarehouseFile.Scalar(reopened, "SELECT count(*) FROM bulk"));
    }
}
