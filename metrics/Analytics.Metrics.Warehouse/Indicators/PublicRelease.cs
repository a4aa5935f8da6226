namespace Analytics.Metrics.Warehouse.Indicators;

/// <summary>
/// Marks a catalog indicator as published on the public pages and the open-data API: <paramref name="Code"/> is its
/// public identifier (URLs, CSV columns), <paramref name="Position"/> its place among the public columns, and
/// <paramref name="Definition"/> says in words what is counted.
/// </summary>
public sealed record PublicRelease(int Position, string Code, string Definition);
