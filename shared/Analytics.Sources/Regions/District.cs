namespace Analytics.Sources.Regions;

/// <summary>A district (区) with its 6-digit administrative code, e.g. 310117 松江区.</summary>
public sealed record District(string Code, string Name)
{
    /// <summary>The name without the trailing 区, e.g. 松江.</summary>
    public string ShortName => Name.EndsWith('区') ? Name[..^1] : Name;
}
