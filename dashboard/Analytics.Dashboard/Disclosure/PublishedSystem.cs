namespace Analytics.Dashboard.Disclosure;

/// <summary>One published cell as the public sees it: <see cref="Value"/> when shown, else only its mark (<see cref="State"/>).</summary>
public sealed record PublishedCell(string Key, long? Value, CellState State)
{
    public bool IsHidden => State != CellState.Shown;
}

/// <summary>
/// A linear fact that involves published cells by index, shown or hidden: <c>Lower ≤ Σ coefficient · cell ≤ Upper</c>
/// (for instance a rounded 同比 between two cells, which bounds one when the other is known).
/// </summary>
public sealed record PublishedFact(IReadOnlyList<(int Cell, double Coefficient)> Terms, double Lower, double Upper);

/// <summary>
/// Everything published about one group of figures, as one system: the cells (each shown or marked), the additive
/// relations between them (a total and its parts) and any further linear facts. The suppression builds one from the
/// raw figures before it publishes them; the audit builds one from what the public pages and the API actually show.
/// </summary>
public sealed class PublishedSystem
{
    private readonly List<PublishedCell> _cells = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public IReadOnlyList<PublishedCell> Cells => _cells;

    public List<AdditiveRelation> Relations { get; } = [];

    public List<PublishedFact> Facts { get; } = [];

    /// <summary>Adds a cell, or merges a second sighting of the same cell: a value shown anywhere is known everywhere.</summary>
    public int Add(string key, long? value, CellState state)
    {
        if (_index.TryGetValue(key, out var existing))
        {
            if (_cells[existing].IsHidden && state == CellState.Shown)
            {
                _cells[existing] = new PublishedCell(key, value, state);
            }

            return existing;
        }

        _cells.Add(new PublishedCell(key, state == CellState.Shown ? value : null, state));
        _index[key] = _cells.Count - 1;
        return _cells.Count - 1;
    }

    public int? IndexOf(string key) => _index.TryGetValue(key, out var i) ? i : null;

    /// <summary>Adds <c>total = Σ parts</c> once, however often a table repeats it.</summary>
    public void Relate(int total, IReadOnlyList<int> parts)
    {
        if (!Relations.Any(r => r.Total == total && r.Parts.SequenceEqual(parts)))
        {
            Relations.Add(new AdditiveRelation(total, parts));
        }
    }
}
