using System.Security.Cryptography;
using System.Text.Json;
using Analytics.DemoData.Anomalies;
using Analytics.Sources;

namespace Analytics.DemoData.Tests;

/// <summary>The hard anomalies (subsidy inflation) are opt-in and touch nothing but the meals files they live in.</summary>
public sealed class HardAnomalyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "demo-hard-" + Guid.NewGuid().ToString("N"));

    private string Generate(string name, bool hard)
    {
        var directory = Path.Combine(_root, name);
        new DemoDataGenerator().Generate(new DemoOptions(directory, DemoOptions.DefaultSeed, Quarter.Parse("2023Q1"), Quarter.Parse("2024Q2"), HardAnomalies: hard));
        return directory;
    }

    private static Dictionary<string, string> Hashes(string directory) => Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
        .ToDictionary(p => Path.GetRelativePath(directory, p), p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))));

    private static List<JsonElement> Truth(string directory) => JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, DropLayout.GroundTruthFileName)))
        .RootElement.GetProperty("anomalies").EnumerateArray().ToList();

    [Fact]
    public void Hard_anomalies_leave_every_other_file_and_the_six_rule_anomalies_unchanged()
    {
        var plain = Generate("plain", hard: false);
        var hard = Generate("hard", hard: true);
        var plainTruth = Truth(plain);
        var hardTruth = Truth(hard);
        Assert.Equal(6, plainTruth.Count);
        Assert.Equal(6 + AnomalyPlan.HardAnomalyCount, hardTruth.Count);
        Assert.Equal(plainTruth.Select(a => a.GetRawText()), hardTruth.Take(6).Select(a => a.GetRawText()));
        Assert.All(hardTruth.Skip(6), a => Assert.Equal("subsidy_inflation", a.GetProperty("kind").GetString()));

        var inflatedQuarters = hardTruth.Skip(6).Select(a => Path.Combine("eldercare", a.GetProperty("quarter").GetString()!, "meals.csv")).ToHashSet();
        var hardHashes = Hashes(hard);
        var changed = Hashes(plain).Where(kv => hardHashes[kv.Key] != kv.Value).Select(kv => kv.Key).Order().ToList();
        var expected = inflatedQuarters.Append(DropLayout.GroundTruthFileName).Append(DropLayout.ManifestFileName).Order().ToList();
        Assert.Equal(expected, changed);
    }

    [Fact]
    public void An_inflated_quarter_claims_every_meal_served_as_subsidised()
    {
        var hard = Generate("hard", hard: true);
        var anomaly = Truth(hard)[6];
        var town = anomaly.GetProperty("town").GetString()!;
        var lines = File.ReadAllLines(Path.Combine(hard, "eldercare", anomaly.GetProperty("quarter").GetString()!, "meals.csv"));
        var header = lines[0].Split(',');
        int served = Array.IndexOf(header, "meals_served"), subsidised = Array.IndexOf(header, "subsidised_meals"), townColumn = Array.IndexOf(header, "town_name");
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(f => f[townColumn] == town).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, f => Assert.Equal(f[served], f[subsidised]));
        Assert.Equal(anomaly.GetProperty("observed").GetDecimal(), rows.Sum(f => decimal.Parse(f[subsidised], System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
