using System.Security.Cryptography;
using Analytics.Sources;

namespace Analytics.DemoData.Tests;

public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "demo-determinism-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Generate(string name, long seed)
    {
        var directory = Path.Combine(_root, name);
        new DemoDataGenerator().Generate(new DemoOptions(directory, seed, Quarter.Parse("2023Q4"), Quarter.Parse("2024Q1")));
        return Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(directory, p), p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))));
    }

    [Fact]
    public void Same_seed_gives_byte_identical_files_including_xlsx_and_another_seed_does_not()
    {
        var first = Generate("a", 7);
        var second = Generate("b", 7);
        var other = Generate("c", 8);
        Assert.Contains(first.Keys, k => k.EndsWith(".xlsx", StringComparison.Ordinal));
        Assert.Equal(first, second);
        var payments = Path.Combine("assistance", "2024Q1", "payments.csv");
        Assert.NotEqual(first[payments], other[payments]);
        Assert.NotEqual(first[DropLayout.GroundTruthFileName], other[DropLayout.GroundTruthFileName]);
        Assert.NotEqual(first[Path.Combine("assistance", "2023Q4", "recipients.csv")], other[Path.Combine("assistance", "2023Q4", "recipients.csv")]);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
