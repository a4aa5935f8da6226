namespace Analytics.Sources.Regions;

/// <summary>Derives the usual short forms of a town name (岳阳街道 → 岳阳, 仙霞新村街道 → 仙霞, 华阳路街道 → 华阳路/华阳).</summary>
public static class TownAliases
{
    // Longest suffix first, so 新村街道 wins over 街道.
    private static readonly string[] Suffixes = ["新村街道", "镇街道", "路街道", "街道", "镇"];

    /// <summary>The short forms of <paramref name="name"/>, without the full name itself, longest first.</summary>
    public static IReadOnlyList<string> For(string name)
    {
        var aliases = new List<string>();
        foreach (var suffix in Suffixes)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal) || name.Length <= suffix.Length) continue;
            var stem = name[..^suffix.Length];
            // 路街道 and 镇街道 keep their 路/镇 in the first short form (华阳路, 真如镇), then drop it (华阳, 真如).
            if (suffix is "路街道" or "镇街道") Add(aliases, stem + suffix[0]);
            if (suffix == "新村街道") Add(aliases, stem + "新村");
            if (stem.Length >= 2) Add(aliases, stem);
            if (suffix is "镇街道") Add(aliases, stem + "街道");
            break;
        }
        return aliases;
    }

    /// <summary>Normalises free text before matching: trims, drops inner spaces and full-width spaces.</summary>
    public static string Normalise(string text) =>
        text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u3000", "", StringComparison.Ordinal);

    private static void Add(List<string> aliases, string alias)
    {
        if (!aliases.Contains(alias)) aliases.Add(alias);
    }
}
