namespace Analytics.Sources.Catalog;

/// <summary>One extract file of a feed: its name in the drop folder, its PostgreSQL table, its grain, key and columns.</summary>
public sealed record FileSpec(
    string FeedId,
    string Id,
    string Label,
    string Grain,
    IReadOnlyList<string> Key,
    IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>File name in <c>DIR/&lt;feed&gt;/&lt;quarter&gt;/</c>, e.g. <c>payments.csv</c>. Ledgers are named per town instead.</summary>
    public string FileName => Id + ".csv";

    /// <summary>Table in the source database's <c>extract</c> schema with the same columns, e.g. <c>extract.assistance_payments</c>.</summary>
    public string PostgresTable => $"{SourceCatalog.PostgresSchema}.{FeedId}_{Id}";

    /// <summary>The date column that places a row in its quarter (rows outside the quarter of their folder are rejected); null for snapshots.</summary>
    public string? PeriodColumn { get; init; }

    /// <summary>True for quarter-end snapshots (every row restated every quarter), false for events/flows within the quarter.</summary>
    public bool IsSnapshot { get; init; }

    public ColumnSpec Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"文件 {FeedId}/{FileName} 没有列 {name}");

    public IReadOnlyList<string> ColumnNames => Columns.Select(c => c.Name).ToList();
}
