namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>
/// One town's row of a district's scorecard: its score, its rank when the period ranks towns, and its rank in the
/// previous period of the same scheme (null when none). Shared by the leadership pages and the briefings so both show
/// the same change of rank.
/// </summary>
/// <param name="Ranked">Whether the period ranks towns (<see cref="DistrictScore.IsRanked"/>); otherwise the row lists
/// the town's progress or contribution and no rank is shown anywhere.</param>
public sealed record ScorecardRow(RankedTown Town, int? PreviousRank, bool Ranked = true)
{
    /// <summary>The town's rank (排名); null when the period ranks nobody.</summary>
    public int? Rank => Ranked ? Town.Rank : null;

    /// <summary>Places gained since the previous period (positive = moved up); null when there is no previous rank.</summary>
    public int? Change => Rank is { } now && PreviousRank is { } p ? p - now : null;

    public string ChangeLabel => Change switch
    {
        null => "—",
        0 => "持平",
        > 0 and var c => $"↑{c}",
        var c => $"↓{-c}",
    };

    /// <summary>
    /// Every town of <paramref name="score"/>, with its rank when the period ranks towns and its rank in
    /// <paramref name="previous"/> when that period ranked them with the same scheme.
    /// </summary>
    public static IReadOnlyList<ScorecardRow> Of(DistrictScore score, DistrictScore? previous)
    {
        var comparable = score.IsRanked && previous is { IsRanked: true } p && p.Rubric.Id == score.Rubric.Id;
        var previousRanks = comparable ? previous!.Towns.ToDictionary(t => t.Town.TownCode, t => t.Rank) : [];
        return score.Towns.Select(t => new ScorecardRow(t, previousRanks.TryGetValue(t.Town.TownCode, out var r) ? r : null, score.IsRanked)).ToList();
    }

    /// <summary>A town's section score as a percentage of the section maximum for this period; null when the section has no points this period.</summary>
    public static decimal? SectionShare(RubricResult result, string sectionCode) =>
        result.Sections.FirstOrDefault(s => s.Code == sectionCode) is { Maximum: > 0 } s ? Math.Round(s.Score / s.Maximum * 100m, 1) : null;
}
