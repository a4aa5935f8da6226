using Analytics.Sources.Catalog;
using Analytics.Sources.Regions;

namespace Analytics.Sources;

/// <summary>Paths in a file drop: <c>DIR/&lt;feed&gt;/&lt;2024Q3&gt;/&lt;file&gt;.csv</c> and <c>DIR/ledger/&lt;2024Q3&gt;/&lt;区&gt;_&lt;街镇&gt;.xlsx|.csv</c>.</summary>
public static class DropLayout
{
    /// <summary>Root file listing the injected anomalies of a generated demo drop.</summary>
    public const string GroundTruthFileName = "ground_truth.json";

    /// <summary>Root file describing a generated drop: seed, range, files with row counts.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>Relative path of a feed file for a quarter, with '/' separators.</summary>
    public static string RelativePath(FileSpec file, Quarter quarter) => $"{file.FeedId}/{quarter}/{file.FileName}";

    /// <summary>Relative folder holding a quarter's ledgers.</summary>
    public static string LedgerFolder(Quarter quarter) => $"ledger/{quarter}";

    /// <summary>A ledger's file name, e.g. <c>松江区_岳阳街道.xlsx</c>; <paramref name="extension"/> is <c>.xlsx</c> or <c>.csv</c>.</summary>
    public static string LedgerFileName(string districtName, string townName, string extension) => $"{districtName}_{townName}{extension}";

    public static string LedgerRelativePath(Town town, Quarter quarter, string extension) =>
        $"{LedgerFolder(quarter)}/{LedgerFileName(town.District.Name, town.Name, extension)}";

    /// <summary>Splits a ledger file name into district and town names; false when it does not look like <c>区_街镇.ext</c>.</summary>
    public static bool TryParseLedgerFileName(string fileName, out string districtName, out string townName)
    {
        districtName = townName = "";
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var at = stem.IndexOf('_');
        if (extension is not (".xlsx" or ".csv") || at <= 0 || at == stem.Length - 1) return false;
        districtName = stem[..at];
        townName = stem[(at + 1)..];
        return true;
    }
}
