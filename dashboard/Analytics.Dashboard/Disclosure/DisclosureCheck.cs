namespace Analytics.Dashboard.Disclosure;

/// <summary>What the attack left of one hidden cell, and whether that is at least its protection.</summary>
public sealed record CellProtection(int Cell, CellState State, CellInterval Interval, CellInterval? Required, long? RequiredWidth)
{
    public bool IsProtected =>
        !Interval.IsExact
        && (Required is not { } band || Interval.Contains(band))
        && (RequiredWidth is not { } width || Interval.Width is null || Interval.Width >= width);
}

/// <summary>
/// The exact check of a <see cref="PublishedSystem"/>: attacks it (<see cref="IntervalAttack"/>) with every published
/// equation, fact and mark, and compares each hidden cell's interval with its protection:
/// a "&lt;10" cell keeps the whole band 1 to threshold − 1, except where the marks alone already narrow it (a "&lt;10"
/// total of two "&lt;10" parts is at least 2 whatever else is published); a "×" cell is never exact and spans at least
/// <see cref="SuppressionPolicy.ComplementaryWidth"/>.
/// </summary>
public static class DisclosureCheck
{
    public static IReadOnlyList<CellProtection> Run(PublishedSystem system, SuppressionPolicy policy)
    {
        var hidden = system.Cells.Select((c, i) => (c, i)).Where(x => x.c.IsHidden).Select(x => x.i).ToList();
        var attack = Attack(system, policy, hidden, system.Relations, system.Facts);
        var band = Attack(system, policy, hidden, MarkOnlyRelations(system), []);
        return hidden.Select((cell, u) => system.Cells[cell].State == CellState.BelowThreshold
                ? new CellProtection(cell, CellState.BelowThreshold, attack[u], band[u], null)
                : new CellProtection(cell, system.Cells[cell].State, attack[u], null, policy.ComplementaryWidth))
            .ToList();
    }

    /// <summary>
    /// Relations made only of "&lt;10" cells and shown zeros: what the marks alone tell, which no further
    /// suppression can hide.
    /// </summary>
    private static List<AdditiveRelation> MarkOnlyRelations(PublishedSystem system) =>
        system.Relations.Where(r => r.Parts.Prepend(r.Total).All(i =>
            system.Cells[i].State == CellState.BelowThreshold || system.Cells[i] is { State: CellState.Shown, Value: 0 })).ToList();

    private static CellInterval[] Attack(
        PublishedSystem system, SuppressionPolicy policy, List<int> hidden, IEnumerable<AdditiveRelation> relations, IEnumerable<PublishedFact> facts)
    {
        var unknown = hidden.Select((cell, u) => (cell, u)).ToDictionary(x => x.cell, x => x.u);
        var cells = hidden.Select(cell => policy.Prior(system.Cells[cell].State)).ToList();
        var linear = new List<LinearFact>();
        foreach (var relation in relations)
        {
            var terms = relation.Parts.Select(p => (p, 1.0)).Append((relation.Total, -1.0));
            Add(terms.ToList(), 0, 0);
        }

        foreach (var fact in facts)
        {
            Add(fact.Terms, fact.Lower, fact.Upper);
        }

        return IntervalAttack.Solve(cells, linear);

        // Known cells move to the bounds; a fact left without a hidden cell tells nothing new.
        void Add(IReadOnlyList<(int Cell, double Coefficient)> terms, double lower, double upper)
        {
            var known = terms.Where(t => !unknown.ContainsKey(t.Cell)).Sum(t => t.Coefficient * system.Cells[t.Cell].Value!.Value);
            var rest = terms.Where(t => unknown.ContainsKey(t.Cell)).Select(t => (unknown[t.Cell], t.Coefficient)).ToList();
            if (rest.Count > 0)
            {
                linear.Add(new LinearFact(rest, lower - known, upper - known));
            }
        }
    }
}
