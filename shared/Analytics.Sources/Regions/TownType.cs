namespace Analytics.Sources.Regions;

/// <summary>Kind of town: 街道 (urban subdistrict) or 镇 (township).</summary>
public enum TownType
{
    Subdistrict,
    Township,
}
