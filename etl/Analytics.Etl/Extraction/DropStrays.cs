using Analytics.Sources;
using Analytics.Sources.Catalog;

namespace Analytics.Etl.Extraction;

/// <summary>
/// The entries of a drop folder that no load reads: at the root, in the feed's folder and in its quarter folder.
/// Each is named in a Chinese warning so that an operator sees a misplaced or misnamed delivery.
/// </summary>
internal static class DropStrays
{
    private static readonly HashSet<string> RootFiles = [DropLayout.ManifestFileName, DropLayout.GroundTruthFileName];

    public static IReadOnlyList<string> Find(string root, FeedSpec feed, Quarter quarter)
    {
        var strays = new List<string>();
        var feeds = SourceCatalog.Feeds.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        strays.AddRange(Entries(root, "").Where(e => e.IsFolder ? !feeds.Contains(e.Name) : !RootFiles.Contains(e.Name))
            .Select(e => Unknown(e.Relative, e.IsFolder)));

        var feedFolder = Path.Combine(root, feed.Id);
        strays.AddRange(Entries(feedFolder, feed.Id + "/").Where(e => !e.IsFolder || !Quarter.TryParse(e.Name, null, out _))
            .Select(e => e.IsFolder ? $"目录 {e.Relative} 不是季度目录（应如 2024Q3），未装载" : Unknown(e.Relative, false)));

        var quarterFolder = Path.Combine(feedFolder, quarter.ToString());
        var known = feed.Files.Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in Entries(quarterFolder, $"{feed.Id}/{quarter}/"))
        {
            if (entry.IsFolder)
            {
                strays.Add(Unknown(entry.Relative, true));
            }
            else if (feed.Id == "ledger" && LedgerIdentity.DistrictOf(entry.Name) is null)
            {
                strays.Add($"文件 {entry.Relative} 的名称不符合「区_街镇.xlsx」或「区_街镇.csv」（区须为已知区名），未作为台账装载");
            }
            else if (feed.Id != "ledger" && !known.Contains(entry.Name))
            {
                strays.Add(Unknown(entry.Relative, false));
            }
        }

        return strays;
    }

    private static string Unknown(string relative, bool folder) => $"未识别的{(folder ? "目录" : "文件")} {relative}，未装载";

    private static IEnumerable<(string Name, string Relative, bool IsFolder)> Entries(string folder, string prefix)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFileSystemEntries(folder).Select(path => Path.GetFileName(path))
            .Order(StringComparer.Ordinal)
            .Select(name => (name, prefix + name, Directory.Exists(Path.Combine(folder, name))));
    }
}
