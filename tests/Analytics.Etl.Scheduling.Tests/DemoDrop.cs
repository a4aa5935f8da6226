using Analytics.Sources;
using Analytics.TestSupport;

namespace Analytics.Etl.Scheduling.Tests;

/// <summary>A small demo drop (default seed, 2024Q2–2024Q3) generated once for every test.</summary>
public sealed class DemoDrop() : GeneratedDemoDrop("scheduling-tests-drop", First, Last)
{
    public static readonly Quarter First = new(2024, 2);
    public static readonly Quarter Last = new(2024, 3);
}
[CollectionDefinition(Name)]
public sealed class DemoDropCollection : ICollectionFixture<DemoDrop>
{
    public const string Name = "demo drop";
}
