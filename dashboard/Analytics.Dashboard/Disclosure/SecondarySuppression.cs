namespace Analytics.Dashboard.Disclosure;

/// <summary>
/// Chooses the "×" cells. First, cheaply, no relation may keep exactly one hidden cell. Then the exact check
/// (<see cref="DisclosureCheck"/>) attacks what would be published, and while some hidden cell is recovered or narrower
/// than its protection, the smallest shown non-zero cell of a relation it belongs to (a part before a total) is hidden
/// too. A "×" cell is therefore always a count of at least the threshold, which the attack is told.
/// </summary>
public sealed class SecondarySuppression(SuppressionPolicy policy)
{
    public void Apply(IReadOnlyList<long> values, IReadOnlyList<AdditiveRelation> relations, CellState[] states)
    {
        CloseSingleHiddenCells(values, relations, states);
        var hopeless = new HashSet<int>();
        while (true)
        {
            var system = Published(values, relations, states);
            var weak = DisclosureCheck.Run(system, policy).Where(p => !p.IsProtected && !hopeless.Contains(p.Cell)).Select(p => p.Cell).ToList();
            if (weak.Count == 0)
            {
                return;
            }

            // One cell at a time: each new "×" can protect several weak cells at once.
            if (Complement(weak[0], values, relations, states) is { } complement)
            {
                states[complement] = CellState.Complementary;
            }
            else
            {
                hopeless.Add(weak[0]);
            }
        }
    }

    private static PublishedSystem Published(IReadOnlyList<long> values, IReadOnlyList<AdditiveRelation> relations, CellState[] states)
    {
        var system = new PublishedSystem();
        for (var i = 0; i < values.Count; i++)
        {
            system.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i], states[i]);
        }

        system.Relations.AddRange(relations);
        return system;
    }

    private static void CloseSingleHiddenCells(IReadOnlyList<long> values, IReadOnlyList<AdditiveRelation> relations, CellState[] states)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in relations.Where(r => r.Parts.Prepend(r.Total).Count(i => states[i] != CellState.Shown) == 1))
            {
                if (Candidates(relation, values, states).Cast<int?>().FirstOrDefault() is { } complement)
                {
                    states[complement] = CellState.Complementary;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    private static int? Complement(int cell, IReadOnlyList<long> values, IReadOnlyList<AdditiveRelation> relations, CellState[] states) =>
        relations.Where(r => r.Total == cell || r.Parts.Contains(cell))
            .SelectMany(r => Candidates(r, values, states).Select(c => (c, isTotal: c == r.Total)))
            .OrderBy(x => x.isTotal).ThenBy(x => values[x.c]).ThenBy(x => x.c)
            .Select(x => (int?)x.c).FirstOrDefault();

    /// <summary>Shown non-zero cells of a relation, parts (smallest first) before the total: a zero is never hidden.</summary>
    private static IEnumerable<int> Candidates(AdditiveRelation relation, IReadOnlyList<long> values, CellState[] states) =>
        relation.Parts.Where(i => states[i] == CellState.Shown && values[i] > 0).OrderBy(i => values[i]).ThenBy(i => i)
            .Concat(states[relation.Total] == CellState.Shown && values[relation.Total] > 0 ? [relation.Total] : []);
}
