namespace Analytics.Metrics.Loading;

// YAML shape of a rubric file. Property names map to snake_case keys; unknown keys are load errors,
// so a misspelt parameter is reported instead of silently ignored.

internal sealed class RubricDocument
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public DistrictDocument? District { get; set; }
    public string? Unit { get; set; }
    public int? Year { get; set; }
    public string? Version { get; set; }
    public string? Source { get; set; }
    public decimal? Total { get; set; }
    public string? Frequency { get; set; }
    public GradesDocument? Grades { get; set; }
    public string? Note { get; set; }
    public List<InputDocument>? Inputs { get; set; }
    public List<SectionDocument>? Sections { get; set; }
    public List<VetoDocument>? Vetoes { get; set; }
    public Dictionary<string, ProvenanceEntryDocument>? Provenance { get; set; }
}

internal sealed class ProvenanceEntryDocument
{
    public string? Seed { get; set; }
    public string? Assumption { get; set; }
    public string? Note { get; set; }
}

internal sealed class DistrictDocument
{
    public string? Name { get; set; }
    public string? Code { get; set; }
}

internal sealed class GradesDocument
{
    public decimal? Excellent { get; set; }
    public decimal? Good { get; set; }
    public decimal? Pass { get; set; }
}

internal sealed class InputDocument
{
    public string? Name { get; set; }
    public string? Unit { get; set; }
    public string? Meaning { get; set; }
    public string? Source { get; set; }
}

internal sealed class SectionDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public decimal? Max { get; set; }
    public decimal? Weight { get; set; }
    public decimal? Cap { get; set; }
    public string? Owner { get; set; }
    public string? Frequency { get; set; }
    public string? Note { get; set; }
    public List<ItemDocument>? Items { get; set; }
}

internal sealed class ItemDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Owner { get; set; }
    public string? Frequency { get; set; }
    public decimal? Max { get; set; }
    public string? Rule { get; set; }
    public Dictionary<string, string>? Inputs { get; set; }
    public ParamsDocument? Params { get; set; }
    public string? Criteria { get; set; }
    public string? Note { get; set; }
}

internal sealed class ParamsDocument
{
    public string? Label { get; set; }
    public decimal? Band { get; set; }
    public decimal? Step { get; set; }
    public decimal? Deduction { get; set; }
    public decimal? PerCase { get; set; }
    public decimal? Cap { get; set; }
    public decimal? Ratio { get; set; }
    public string? RatioLabel { get; set; }
    public string? Partial { get; set; }
    public string? Op { get; set; }
    public decimal? Value { get; set; }
    public bool? PerQuarter { get; set; }
    public string? Direction { get; set; }
    public decimal? NoBaseline { get; set; }
    public List<TierDocument>? Tiers { get; set; }
    public decimal? Min { get; set; }
    public List<decimal>? Allowed { get; set; }
    public Dictionary<string, decimal>? Points { get; set; }
    public decimal? Target { get; set; }
    public string? Unit { get; set; }
    public string? Mode { get; set; }
    public string? WhenNoCases { get; set; }
    public string? WhenMissing { get; set; }
}

internal sealed class TierDocument
{
    public decimal? Score { get; set; }
    public string? When { get; set; }
}

internal sealed class VetoDocument
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Input { get; set; }
    public string? Note { get; set; }
}
