namespace Analytics.Sources.Catalog;

/// <summary>The catalog of source feeds: every file, column, grain and key the loader validates against.</summary>
public static partial class SourceCatalog
{
    /// <summary>Schema of the extract tables in a PostgreSQL source database.</summary>
    public const string PostgresSchema = "extract";

    /// <summary>Extra first column of every PostgreSQL extract table: the quarter the rows belong to (the folder name in a drop).</summary>
    public const string PostgresQuarterColumn = "extract_quarter";

    // Lazy because the partial files' static lists must be initialised before the feeds are built from them.
    private static readonly Lazy<IReadOnlyList<FeedSpec>> AllFeeds = new(() =>
    [
        Reference, Assistance, Verification, ElderlyCare, SocialOrganisations, Ledger,
    ]);

    /// <summary>All feeds, in load order (reference data first, ledgers last).</summary>
    public static IReadOnlyList<FeedSpec> Feeds => AllFeeds.Value;

    public static FeedSpec Feed(string id) =>
        Feeds.FirstOrDefault(f => f.Id == id) ?? throw new KeyNotFoundException($"没有数据源 {id}");

    public static FileSpec File(string feedId, string fileId) => Feed(feedId).File(fileId);

    /// <summary>Every file of every feed.</summary>
    public static IEnumerable<FileSpec> AllFiles => Feeds.SelectMany(f => f.Files);

    // Columns every extract row carries to place it in a town.
    private static ColumnSpec DistrictCode => new(
        "district_code", ColumnType.String, true, "区划代码", Description: "6-digit district code, e.g. 310117");

    private static ColumnSpec TownName => new(
        "town_name", ColumnType.String, true, "街镇", Description: "full town name as in regions.csv; loaders also accept aliases");

    // Organisations registered with the district itself belong to no 街镇: they count in the district, never in a town.
    private static ColumnSpec TownNameOrDistrictLevel => TownName with
    {
        Required = false,
        Description = "full town name as in regions.csv (aliases accepted); empty for an organisation registered at district level (区级社会组织)",
    };

    private static AllowedValue V(string code, string label) => new(code, label);
}
