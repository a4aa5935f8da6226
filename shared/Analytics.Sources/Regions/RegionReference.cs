using System.Reflection;
using System.Text;

namespace Analytics.Sources.Regions;

/// <summary>The 48 real towns of the four seed districts (embedded copy of reference/regions.csv) and name matching.</summary>
public sealed class RegionReference
{
    private readonly Dictionary<string, List<Town>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, District> _districtsByName = new(StringComparer.Ordinal);

    /// <summary>Builds a reference over the given towns (in file order).</summary>
    public RegionReference(IReadOnlyList<Town> towns)
    {
        Towns = towns;
        Districts = towns.Select(t => t.District).Distinct().ToList();
        foreach (var district in Districts)
        {
            _districtsByName[district.Name] = district;
            _districtsByName[district.ShortName] = district;
            _districtsByName[district.Code] = district;
        }
        foreach (var town in towns)
        {
            Index(town.Name, town);
            foreach (var alias in town.Aliases) Index(alias, town);
        }
    }

    /// <summary>The reference embedded in this assembly: 4 districts, 48 towns.</summary>
    public static RegionReference Default { get; } = Load();

    public IReadOnlyList<Town> Towns { get; }

    public IReadOnlyList<District> Districts { get; }

    /// <summary>Reads <c>district_code,district,town,town_type</c> CSV text (UTF-8, header row).</summary>
    public static RegionReference Parse(TextReader reader)
    {
        var header = reader.ReadLine() ?? throw new FormatException("区划文件为空");
        if (!header.TrimStart('\uFEFF').StartsWith("district_code,district,town,town_type", StringComparison.Ordinal))
            throw new FormatException($"区划文件表头不正确：{header}");
        var districts = new Dictionary<string, District>(StringComparer.Ordinal);
        var towns = new List<Town>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var parts = line.Split(',');
            if (parts.Length != 4) throw new FormatException($"区划文件第 {lineNumber} 行应有 4 列");
            if (!districts.TryGetValue(parts[0], out var district))
                districts[parts[0]] = district = new District(parts[0], parts[1]);
            var type = parts[3] switch
            {
                "街道" => TownType.Subdistrict,
                "镇" => TownType.Township,
                _ => throw new FormatException($"区划文件第 {lineNumber} 行街镇类型“{parts[3]}”应为 街道 或 镇"),
            };
            towns.Add(new Town(district, parts[2], type, TownAliases.For(parts[2])));
        }
        return new RegionReference(towns);
    }

    /// <summary>The district by code (310117), full name (松江区) or short name (松江).</summary>
    public District? FindDistrict(string text) =>
        _districtsByName.GetValueOrDefault(TownAliases.Normalise(text));

    /// <summary>Finds a town by full name or alias; <paramref name="district"/> (code or name) disambiguates.</summary>
    /// <returns>The town, or null when unknown or ambiguous without a district.</returns>
    public Town? FindTown(string text, string? district = null)
    {
        if (!_byName.TryGetValue(TownAliases.Normalise(text), out var candidates)) return null;
        if (district is not null)
        {
            var d = FindDistrict(district);
            if (d is null) return null;
            candidates = candidates.Where(t => t.District == d).ToList();
        }
        return candidates.Count == 1 ? candidates[0] : null;
    }

    public IEnumerable<Town> TownsOf(District district) => Towns.Where(t => t.District == district);

    private void Index(string name, Town town)
    {
        if (!_byName.TryGetValue(name, out var list)) _byName[name] = list = [];
        if (!list.Contains(town)) list.Add(town);
    }

    private static RegionReference Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Analytics.Sources.regions.csv")
            ?? throw new InvalidOperationException("缺少内嵌资源 regions.csv");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    }
}
