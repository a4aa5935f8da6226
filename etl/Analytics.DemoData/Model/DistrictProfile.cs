namespace Analytics.DemoData.Model;

/// <summary>Size and demography of a district as the generator uses them.</summary>
/// <param name="Scale">District volume relative to Songjiang (by 常住人口).</param>
public sealed record DistrictProfile(
    string Code,
    string Name,
    int Residents,
    double RegisteredShare,
    double ElderlyShare,
    double Scale,
    bool Synthetic);
