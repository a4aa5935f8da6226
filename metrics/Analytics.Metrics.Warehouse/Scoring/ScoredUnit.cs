namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>What is scored: a town (街镇) or, for district targets, the whole district (全区).</summary>
/// <param name="Code">dim_region.town_code for a town ("310117/岳阳街道"); the district code for the district.</param>
public sealed record ScoredUnit(string Level, string DistrictCode, string Code, string Name, int? TownKey, string? TownType)
{
    public bool IsDistrict => Level == "district";
}

/// <summary>One unit's rubric inputs, and the rubric inputs the warehouse has no figure for.</summary>
public sealed record UnitInputs(ScoredUnit Unit, RubricInputs Inputs, IReadOnlyList<string> Missing);
