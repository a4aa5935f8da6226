using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.Content;
using Analytics.Warehouse;

namespace Analytics.Reports.Generation;

/// <summary>A listed briefing with what changed since it was made (empty: it still matches the warehouse) and its earlier versions.</summary>
public sealed record BriefingListing(BriefingEntry Entry, IReadOnlyList<string> Changes, IReadOnlyList<BriefingEntry> EarlierVersions)
{
    /// <summary>需重新生成: the data, the rubric's judgements or findings, or the rubric itself changed since generation.</summary>
    public bool Stale => Changes.Count > 0;
}

/// <summary>
/// Whether each generated briefing still says what the warehouse says now: its data version against the current one
/// (<see cref="DataStamp"/>), its rubric's judgement version (<see cref="JudgementVersion"/>) and the rubric version.
/// A briefing made before judgement versions were recorded cannot vouch for its scores and counts as changed.
/// </summary>
public sealed class BriefingFreshness(WarehouseDatabase warehouse)
{
    public IReadOnlyList<BriefingListing> List(string? period = null, string? districtCode = null)
    {
        var index = new BriefingIndex(warehouse);
        var current = index.List(period, districtCode);
        var versions = index.Versions(period, districtCode).ToLookup(v => v.Document);
        string data;
        var judgements = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var connection = warehouse.Connect())
        {
            data = DataStamp.Read(connection).Version;
            foreach (var rubric in current.Select(e => e.RubricId).Distinct(StringComparer.Ordinal))
            {
                judgements[rubric] = JudgementVersion.Read(connection, rubric);
            }
        }

        return current.Select(e => new BriefingListing(e, Changes(e, data, judgements[e.RubricId]), versions[e.Document].ToList())).ToList();
    }

    /// <summary>The changes since <paramref name="entry"/> was generated, in words for the list.</summary>
    public static IReadOnlyList<string> Changes(BriefingEntry entry, string dataVersion, string judgementVersion)
    {
        var changes = new List<string>();
        if (entry.DataVersion != dataVersion)
        {
            changes.Add($"数据已更新（{entry.DataVersion} → {dataVersion}）");
        }

        if (entry.JudgementVersion is null)
        {
            changes.Add("生成时未记录评审版本");
        }
        else if (entry.JudgementVersion != judgementVersion)
        {
            changes.Add("视情给分或督查发现已变更");
        }

        if (RubricCatalog.Find(entry.RubricId) is { } rubric && rubric.Version != entry.RubricVersion)
        {
            changes.Add($"评分方案已更新（{entry.RubricVersion} → {rubric.Version}）");
        }

        return changes;
    }
}
