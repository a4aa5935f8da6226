using Analytics.Sources.Catalog;

namespace Analytics.Warehouse.Schema;

/// <summary>
/// The fact table of one source file. Every fact row carries the load that wrote it, its quarter,
/// and its town (resolved to <c>dim_region</c>), then the file's own columns; the source key
/// identifies the source row.
/// </summary>
public sealed record FactTable(FileSpec Source, string Name, IReadOnlyList<FactColumn> Columns)
{
    /// <summary>Columns every fact table starts with, before the source columns.</summary>
    public static readonly IReadOnlyList<(string Name, string SqlType)> LeadingColumns =
    [
        ("run_id", "BIGINT NOT NULL"),
        ("quarter_key", "INTEGER NOT NULL"),
        ("district_code", "VARCHAR USING COMPRESSION dictionary NOT NULL"),
        ("town_key", "INTEGER"),          // NULL only for files not placed in a town (region changes)
    ];

    /// <summary>True when rows name a town (district_code + town_name) and so get a town_key.</summary>
    public bool IsPlacedInTown => Source.Columns.Any(c => c.Name == "town_name");

    /// <summary>True when a row may name no town (a district-level organisation): it is kept with a NULL town_key.</summary>
    public bool AllowsDistrictLevelRows => Source.Columns.Any(c => c.Name == "town_name" && !c.Required);

    public string CreateSql()
    {
        var columns = LeadingColumns.Select(c => $"    {c.Name} {c.SqlType}")
            .Concat(Columns.Select(c => $"    {c.Definition}"));
        return $"CREATE TABLE {Name} (\n{string.Join(",\n", columns)}\n);";
    }

    /// <summary>The warehouse columns that make up the source file's key within a quarter (pseudonymised where personal).</summary>
    /// <remarks>A quarter column is left out: one load holds one quarter, and facts are replaced per quarter.</remarks>
    public IReadOnlyList<string> KeyColumns => Source.Key
        .Where(k => Source.Column(k).Type != ColumnType.Quarter)
        .Select(k => k switch
        {
            "district_code" => "district_code",
            "town_name" => "town_key",
            _ => Columns.First(c => c.Source.Name == k).Name,
        })
        .ToList();
}
