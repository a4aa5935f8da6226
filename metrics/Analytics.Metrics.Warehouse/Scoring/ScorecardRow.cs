namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>
/// One row of a district's ranking: the town's score and its rank in the previous period (null when none).
/// Shared by the leadership pages and the briefings so both show the same change of rank.
/// </summary>
public sealed record ScorecardRow(RankedTown Town, int? PreviousRank)
{
    /// <summary>Places gained since the previous period (positive = moved up); null when there is no previous rank.</summary>
    public int? Change => PreviousRank is { } p ? p - Town.Rank : null;

    public string ChangeLabel => Change switch
    {
        null => "—",
        0 => "持平",
        > 0 and var c => $"↑{c}",
        var c => $"↓{-c}",
    };

    /// <summary>The ranking of <paramref name="score"/> with each town's rank in <paramref name="previous"/> (when scored).</summary>
    public static IReadOnlyList<ScorecardRow> Of(DistrictScore score, DistrictScore? previous)
    {
        var previousRanks = previous?.Towns.ToDictionary(t => t.Town.TownCode, t => t.Rank) ?? [];
        return score.Towns.Select(t => new ScorecardRow(t, previousRanks.TryGetValue(t.Town.TownCode, out var r) ? r : null)).ToList();
    }

    /// <summary>A town's section score as a percentage of the section maximum for this period; null when the section has no points this period.</summary>
    public static decimal? SectionShare(RubricResult result, string sectionCode) =>
        result.Sections.FirstOrDefault(s => s.Code == sectionCode) is { Maximum: > 0 } s ? Math.Round(s.Score / s.Maximum * 100m, 1) : null;
}
