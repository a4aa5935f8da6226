namespace Analytics.Metrics;

/// <summary>One town's (街镇) evaluation, the unit that gets ranked.</summary>
public sealed record TownResult(string TownCode, string TownName, RubricResult Result);

/// <summary>A town with its rank (排名); tied totals share a rank.</summary>
public sealed record RankedTown(int Rank, TownResult Town);

/// <summary>Ranks towns from the highest total to the lowest, 从高分到低分, with competition ranking (1, 2, 2, 4).</summary>
public static class TownRanking
{
    /// <summary>
    /// Ranks by <see cref="RubricResult.Total"/> only, as the notices say; a vetoed town keeps its place by points
    /// and shows grade 不合格. Ties keep a stable order by town code so reports do not reshuffle.
    /// </summary>
    public static IReadOnlyList<RankedTown> Rank(IEnumerable<TownResult> towns)
    {
        var ordered = towns
            .OrderByDescending(t => t.Result.Total)
            .ThenBy(t => t.TownCode, StringComparer.Ordinal)
            .ToList();
        var ranked = new List<RankedTown>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Result.Total == ordered[i - 1].Result.Total ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedTown(rank, ordered[i]));
        }

        return ranked;
    }
}
