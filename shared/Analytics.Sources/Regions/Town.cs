namespace Analytics.Sources.Regions;

/// <summary>A town (街镇) of a district, with the short forms people write for it.</summary>
public sealed record Town(District District, string Name, TownType Type, IReadOnlyList<string> Aliases)
{
    /// <summary>Stable key <c>310117/岳阳街道</c>: town names are unique only within a district.</summary>
    public string Key => $"{District.Code}/{Name}";

    /// <summary>Chinese label of the town type as written in regions.csv.</summary>
    public string TypeLabel => Type == TownType.Subdistrict ? "街道" : "镇";

    public override string ToString() => $"{District.Name}{Name}";
}
