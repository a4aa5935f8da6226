using Analytics.Sources;
using Analytics.TestSupport;

namespace Analytics.Etl.Tests.Support;

/// <summary>
/// One demo drop (default seed, 2023Q1–2024Q4) generated once per test run. 2023 is there for the
/// Songjiang calibration; tests that corrupt files copy what they need into their own folder.
/// </summary>
public sealed class DemoDropFixture() : GeneratedDemoDrop("etl-tests-drop", From, To)
{
    public static readonly Quarter From = Quarter.Parse("2023Q1");
    public static readonly Quarter To = Quarter.Parse("2024Q4");
}
[CollectionDefinition(Name)]
public sealed class EtlCollection : ICollectionFixture<DemoDropFixture>
{
    // One collection: the tests share the drop and run one after another (DuckDB already uses both cores).
    public const string Name = "etl loads";
}
