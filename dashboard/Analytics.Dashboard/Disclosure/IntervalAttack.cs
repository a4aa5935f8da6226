using Google.OrTools.LinearSolver;

namespace Analytics.Dashboard.Disclosure;

/// <summary>What an attacker knows of one hidden cell before combining facts: its bounds (<see cref="Upper"/> null when unbounded).</summary>
public sealed record UnknownCell(double Lower, double? Upper);

/// <summary>A linear fact about hidden cells: <c>Lower ≤ Σ coefficient · cell ≤ Upper</c>; equal bounds make an equation.</summary>
public sealed record LinearFact(IReadOnlyList<(int Cell, double Coefficient)> Terms, double Lower, double Upper);

/// <summary>The whole numbers a hidden cell can still take: <see cref="Upper"/> null when unbounded above.</summary>
public readonly record struct CellInterval(long Lower, long? Upper)
{
    /// <summary>The attacker knows the value exactly.</summary>
    public bool IsExact => Upper == Lower;

    /// <summary>Upper − Lower, or null when unbounded.</summary>
    public long? Width => Upper - Lower;

    public bool Contains(CellInterval other) =>
        Lower <= other.Lower && (Upper is null || (other.Upper is { } o && o <= Upper));

    public override string ToString() => $"[{Lower}, {(Upper is { } u ? u.ToString(System.Globalization.CultureInfo.InvariantCulture) : "∞")}]";
}

/// <summary>
/// The attack of a statistical office's audit: for every hidden cell, minimise and maximise it by linear programming
/// subject to every published fact and every cell's known bounds (Google OR-Tools' GLOP). Cells that share no fact are
/// solved apart, so each program stays as small as one connected group of hidden cells.
/// </summary>
public static class IntervalAttack
{
    // GLOP works in floating point; the published counts are whole numbers, so bounds are rounded inwards past this slack.
    private const double Slack = 1e-6;

    // GLOP may call an unbounded program infeasible, so a cell without an upper bound gets this one instead; any
    // optimum beyond half of it can only come from the cap, never from a published count, and means "unbounded".
    private const double Cap = 1e9;

    public static CellInterval[] Solve(IReadOnlyList<UnknownCell> cells, IReadOnlyList<LinearFact> facts)
    {
        var result = new CellInterval[cells.Count];
        var components = Components(cells.Count, facts);
        foreach (var (members, memberFacts) in components)
        {
            SolveComponent(cells, members, memberFacts, result);
        }

        return result;
    }

    private static void SolveComponent(IReadOnlyList<UnknownCell> cells, List<int> members, List<LinearFact> facts, CellInterval[] result)
    {
        if (facts.Count == 0)
        {
            foreach (var cell in members)
            {
                result[cell] = Rounded(cells[cell].Lower, cells[cell].Upper);
            }

            return;
        }

        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools GLOP is not available");
        var variables = new Dictionary<int, Variable>();
        foreach (var cell in members)
        {
            variables[cell] = solver.MakeNumVar(cells[cell].Lower, cells[cell].Upper ?? Cap, $"c{cell}");
        }

        foreach (var fact in facts)
        {
            var constraint = solver.MakeConstraint(fact.Lower, fact.Upper);
            foreach (var (cell, coefficient) in fact.Terms)
            {
                constraint.SetCoefficient(variables[cell], constraint.GetCoefficient(variables[cell]) + coefficient);
            }
        }

        var objective = solver.Objective();
        foreach (var cell in members)
        {
            objective.Clear();
            objective.SetCoefficient(variables[cell], 1);
            objective.SetMinimization();
            var lower = Optimum(solver, objective);
            objective.SetMaximization();
            result[cell] = Rounded(lower, Optimum(solver, objective));
        }
    }

    private static double Optimum(Solver solver, Objective objective) => solver.Solve() switch
    {
        Solver.ResultStatus.OPTIMAL => objective.Value(),
        var status => throw new InvalidOperationException($"the published facts have no solution ({status}): they contradict each other"),
    };

    private static CellInterval Rounded(double lower, double? upper) =>
        new((long)Math.Ceiling(lower - Slack), upper is { } u && u < Cap / 2 ? (long)Math.Floor(u + Slack) : null);

    /// <summary>Groups cells linked through facts (union–find); a cell without facts is a group of its own.</summary>
    private static List<(List<int> Members, List<LinearFact> Facts)> Components(int count, IReadOnlyList<LinearFact> facts)
    {
        var parent = Enumerable.Range(0, count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        foreach (var fact in facts)
        {
            foreach (var (cell, _) in fact.Terms.Skip(1))
            {
                parent[Find(cell)] = Find(fact.Terms[0].Cell);
            }
        }

        var groups = new Dictionary<int, (List<int> Members, List<LinearFact> Facts)>();
        for (var i = 0; i < count; i++)
        {
            var root = Find(i);
            if (!groups.TryGetValue(root, out var group))
            {
                group = ([], []);
                groups[root] = group;
            }

            group.Members.Add(i);
        }

        foreach (var fact in facts.Where(f => f.Terms.Count > 0))
        {
            groups[Find(fact.Terms[0].Cell)].Facts.Add(fact);
        }

        return groups.Values.ToList();
    }
}
