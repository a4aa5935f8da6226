using Analytics.Warehouse.Pseudonymisation;

namespace Analytics.Warehouse.Tests;

public sealed class PseudonymTests
{
    private static readonly PseudonymKey Key = PseudonymKey.FromText("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "test");

    [Fact]
    public void The_pseudonym_is_hmac_sha256_of_the_utf8_value_cut_to_32_hex_characters()
    {
        var expected = Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"),
            System.Text.Encoding.UTF8.GetBytes("张三")))[..32].ToLowerInvariant();
        Assert.Equal(expected, Key.Pseudonym("张三"));
    }

    [Fact]
    public void The_sql_function_gives_the_same_pseudonyms_as_the_key_and_keeps_null()
    {
        using var file = new WarehouseFile();
        using var connection = file.Open().Connect();
        Key.Register(connection);
        Assert.Equal(1, WarehouseFile.Scalar(connection, $"SELECT count(*) FROM duckdb_functions() WHERE function_name = '{Key.FunctionName}'"));
        Key.Register(connection); // a second registration on the same database is a no-op
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Pseudonyms.SqlExpression(Key.FunctionName, "v")} FROM (VALUES ('110105194912310021'), ('岳阳街道 张三'), (NULL)) t(v)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(Key.Pseudonym("110105194912310021"), reader.GetString(0));
        Assert.True(reader.Read());
        Assert.Equal(Key.Pseudonym("岳阳街道 张三"), reader.GetString(0));
        Assert.True(reader.Read());
        Assert.True(reader.IsDBNull(0));
    }

    [Fact]
    public void A_different_key_is_refused_once_the_warehouse_holds_pseudonyms()
    {
        using var file = new WarehouseFile();
        using var connection = file.Open().Connect();
        WarehouseDatabase.CheckPseudonymKey(connection, Key);
        WarehouseDatabase.CheckPseudonymKey(connection, Key);
        var other = PseudonymKey.FromText("ffeeddccbbaa99887766554433221100", "other");
        var error = Assert.Throws<WarehouseConfigurationException>(() => WarehouseDatabase.CheckPseudonymKey(connection, other));
        Assert.Contains("密钥", error.Message);
    }

    [Fact]
    public void Demo_mode_creates_a_random_key_file_beside_the_database_and_reuses_it()
    {
        using var file = new WarehouseFile();
        var previous = Environment.GetEnvironmentVariable(PseudonymKey.EnvironmentVariable);
        Environment.SetEnvironmentVariable(PseudonymKey.EnvironmentVariable, null);
        try
        {
            var first = PseudonymKey.Resolve(null, file.Path, demoMode: true);
            var second = PseudonymKey.Resolve(null, file.Path, demoMode: true);
            Assert.Equal(first.Fingerprint, second.Fingerprint);
            Assert.True(File.Exists(PseudonymKey.KeyFilePath(file.Path)));
            Assert.Equal(Path.GetDirectoryName(Path.GetFullPath(file.Path)), Path.GetDirectoryName(PseudonymKey.KeyFilePath(file.Path)));
            Assert.Throws<WarehouseConfigurationException>(() => PseudonymKey.Resolve(null, file.Path + ".other", demoMode: false));
        }
        finally
        {
            Environment.SetEnvironmentVariable(PseudonymKey.EnvironmentVariable, previous);
        }
    }

    [Fact]
    public void A_short_or_malformed_key_is_refused()
    {
        Assert.Throws<WarehouseConfigurationException>(() => PseudonymKey.FromText("0011", "test"));
        Assert.Throws<WarehouseConfigurationException>(() => PseudonymKey.FromText("not a key!", "test"));
    }
}
