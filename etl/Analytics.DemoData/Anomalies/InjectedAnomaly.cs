namespace Analytics.DemoData.Anomalies;

/// <summary>One injected anomaly as written to ground_truth.json.</summary>
/// <param name="Magnitude">The injected size: a factor for drop/spike, a count for duplicates/mismatch, percentage points for the jump, 1 for a missing file.</param>
/// <param name="Baseline">The value the indicator would have had (or had the quarter before), where one exists.</param>
/// <param name="Observed">The value found in the generated files.</param>
public sealed record InjectedAnomaly(
    string Id,
    AnomalyKind Kind,
    int TownIndex,
    string DistrictCode,
    string District,
    string Town,
    string Quarter,
    string Feed,
    string File,
    string Indicator,
    string Description,
    decimal Magnitude,
    string MagnitudeUnit)
{
    public decimal? Baseline { get; set; }
    public decimal? Observed { get; set; }
}
