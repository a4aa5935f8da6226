using Analytics.Sources;

namespace Analytics.DemoData;

/// <summary>What to generate: where, from which seed, for which quarters and at which scale.</summary>
/// <param name="HardAnomalies">Also inject the anomalies no single-indicator rule can catch (<see cref="Anomalies.AnomalyKind.SubsidyInflation"/>),
/// for `anomalies evaluate`; every other file and anomaly stays byte for byte as without it.</param>
public sealed record DemoOptions(string OutputDirectory, long Seed, Quarter From, Quarter To, DemoScale Scale = DemoScale.Demo, bool HardAnomalies = false)
{
    public const long DefaultSeed = 20240101;

    /// <summary>Earliest and latest quarters the generator supports: the warehouse's history and the last quarter with published rules.</summary>
    public static readonly Quarter Earliest = new(2018, 1);

    public static readonly Quarter Latest = new(2025, 4);

    public static readonly Quarter DefaultFrom = new(2022, 1);

    public static readonly Quarter DefaultTo = new(2025, 4);

    /// <summary>Volume multiplier applied to every count: 1 for the demo; city mode inflates volumes so 216 towns × 4 years exceed 20 million payments.</summary>
    public double Volume => Scale == DemoScale.City ? 3.7 : 1.0;

    /// <summary>A Chinese message describing what is wrong with the options, or null when they are usable.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory)) return "必须指定输出目录 --out";
        if (From > To) return $"起始季度 {From} 晚于结束季度 {To}";
        if (From < Earliest) return $"起始季度 {From} 早于支持的最早季度 {Earliest}";
        if (To > Latest) return $"结束季度 {To} 晚于支持的最晚季度 {Latest}（尚无该季度的考核规则，不生成未来数据）";
        return null;
    }
}
