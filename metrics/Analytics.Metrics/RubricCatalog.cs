using System.Reflection;
using Analytics.Metrics.Loading;

namespace Analytics.Metrics;

/// <summary>The rubrics shipped inside this assembly (metrics/rubrics/*.yaml), plus loading from a file path.</summary>
public static class RubricCatalog
{
    private const string ResourcePrefix = "Analytics.Metrics.Rubrics.";

    // Loaded once: rubric files are immutable inside a build, and validation errors surface on first use.
    private static readonly Lazy<IReadOnlyList<Rubric>> Embedded = new(LoadEmbedded);

    /// <summary>All embedded rubrics, ordered by id.</summary>
    public static IReadOnlyList<Rubric> All => Embedded.Value;

    public static Rubric? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>The rubric with this id; throws <see cref="KeyNotFoundException"/> with a bilingual message listing the known ids.</summary>
    public static Rubric Get(string id) => Find(id)
        ?? throw new KeyNotFoundException($"未知评分方案 {id}，可用：{string.Join(", ", All.Select(r => r.Id))} (unknown rubric id '{id}')");

    /// <summary>The rubric for a district code and year, if one is shipped.</summary>
    public static Rubric? ForDistrict(string districtCode, int year) =>
        All.FirstOrDefault(r => r.District.Code == districtCode && r.Year == year);

    public static Rubric LoadFile(string path) => RubricLoader.LoadFile(path);

    /// <summary>The raw YAML text of an embedded rubric, for display and export.</summary>
    public static string ReadText(string id)
    {
        using var stream = typeof(RubricCatalog).Assembly.GetManifestResourceStream($"{ResourcePrefix}{id}.yaml")
            ?? throw new KeyNotFoundException($"未知评分方案 {id} (unknown rubric id '{id}')");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IReadOnlyList<Rubric> LoadEmbedded()
    {
        var assembly = typeof(RubricCatalog).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Select(n => Load(assembly, n))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
    }

    private static Rubric Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return RubricLoader.Parse(reader.ReadToEnd(), resource[ResourcePrefix.Length..]);
    }
}
