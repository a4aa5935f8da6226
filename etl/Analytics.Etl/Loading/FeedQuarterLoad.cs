using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Etl.Extraction;
using Analytics.Etl.Validation;
using Analytics.Sources;
using Analytics.Sources.Catalog;
using Analytics.Warehouse;
using Analytics.Warehouse.Pseudonymisation;
using Analytics.Warehouse.Schema;
using static Analytics.Warehouse.WarehouseSql;

namespace Analytics.Etl.Loading;

/// <summary>The work of one load inside its transaction, file by file.</summary>
internal sealed class FeedQuarterLoad(
    DuckDBConnection connection, PseudonymKey key, FeedSpec feed, Quarter quarter, long runId, long? replacedRunId,
    ShrinkGuard shrinkGuard, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
{
    private readonly List<string> _notes = [];

    private const string RawTable = "stage_raw";
    private const string RegionChangesFile = "region_changes";
    private readonly StepTimer _timer = new();
    private readonly int _quarterKey = SourceQuarterLoader.QuarterKey(quarter);

    /// <summary>What the run log must say besides the counts (a shrink the operator allowed).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Milliseconds spent per step (summed over files), for the run log.</summary>
    public IReadOnlyDictionary<string, long> StepMilliseconds => _timer.Totals;

    public IReadOnlyList<FileLoadCounts> Run(IReadOnlyList<ExtractFile> files)
    {
        var counts = new List<FileLoadCounts>();
        var towns = new ValidationSql(StarSchema.For(files[0].Spec), quarter, key.FunctionName);
        _timer.Time("prepare", () => Execute(towns.BuildTowns()));

        // Region changes go first: a town renamed this quarter is submitted under its new name.
        var ordered = files.OrderBy(f => f.Spec.Id == RegionChangesFile ? 0 : 1).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new LoadProgress(feed.Id, quarter, ordered[i].DisplayName, i, ordered.Count, runId));
            var fileCounts = LoadVouched(ordered[i]);
            if (ordered[i].ManifestRows is { } listed && listed != fileCounts.Read)
            {
                throw new EtlException(
                    $"{ordered[i].DisplayName}：读到 {fileCounts.Read:N0} 行数据，清单 {DropLayout.ManifestFileName} 记载 {listed:N0} 行，已拒绝装载 (row count differs from the manifest)。");
            }

            counts.Add(fileCounts);
            if (ordered[i].Spec.Id == RegionChangesFile && _timer.Time("region changes", () => RegionChangeApplier.Apply(connection)) > 0)
            {
                Execute(towns.BuildTowns());
            }
        }

        // A load replaces the whole quarter of the feed: tables that got no file this time lose their old rows too.
        _timer.Time("replace", () =>
        {
            foreach (var table in StarSchema.ForFeed(feed.Id).Where(t => files.All(f => f.Spec != t.Source)))
            {
                Execute($"DELETE FROM {table.Name} WHERE quarter_key = {_quarterKey}");
            }
        });

        progress?.Report(new LoadProgress(feed.Id, quarter, "提交 (commit)", files.Count, files.Count, runId));
        return counts;
    }

    // The file's digest, computed meanwhile, is confirmed before its counts are used or anything of it is kept; when the
    // load fails, a file changed since its manifest is the cause to name.
    private FileLoadCounts LoadVouched(ExtractFile file)
    {
        FileLoadCounts counts;
        try
        {
            counts = LoadFile(file);
        }
        catch (Exception)
        {
            file.Digest?.Confirm();
            throw;
        }

        _timer.Time("digest", () => file.Digest?.Confirm());
        return counts;
    }

    private FileLoadCounts LoadFile(ExtractFile file)
    {
        try
        {
            return LoadFileRows(file);
        }
        catch (DuckDBException ex) when (file is CsvExtractFile csv && !StorageFault.Is(ex) && CsvParseFailure.Explain(csv, ex) is { } explained)
        {
            throw explained;
        }
    }

    private FileLoadCounts LoadFileRows(ExtractFile file)
    {
        var table = StarSchema.For(file.Spec);
        if (file is CsvExtractFile candidate && TryLoadCleanCsv(candidate, table) is { } clean)
        {
            return clean;
        }

        var validation = new ValidationSql(table, quarter, key.FunctionName);
        var rejects = new List<(long Row, string Reason, string? Line)>();
        switch (file)
        {
            case CsvExtractFile csv:
                // Staged in file order so that rowid numbers the accepted rows; DuckDB reads in parallel.
                // Rows written inside a transaction get rowids from a large offset: count from the smallest.
                _timer.Time("read", () =>
                {
                    DropRejectTables();
                    Execute($"CREATE OR REPLACE TEMP TABLE {RawTable} AS SELECT * FROM read_csv({Literal(csv.Path)}, {CsvRejects.ReadCsvOptions})");
                });
                _timer.Time("validate", () => ExecuteValidation(validation.Build($"(SELECT rowid - (SELECT min(rowid) FROM {RawTable}) + 1 AS _rn, * FROM {RawTable})", "raw._rn", Literal(csv.DisplayName), "NULL::VARCHAR", "NULL::VARCHAR")));
                rejects = CsvParseFailure.WithByteOffsets(csv.Path, ReadRejects());
                if (rejects.Count > 0)
                {
                    RenumberAroundRejects(rejects);
                }

                break;
            case RowSetExtractFile rows:
                _timer.Time("read", () => StageRows(rows));
                _timer.Time("validate", () => ExecuteValidation(validation.Build(RawTable, "raw._row", "raw._file", "raw._problem", "raw._problem_field")));
                break;
        }

        _timer.Time("duplicates", () => MarkDuplicates(table));
        var quarantined = _timer.Time("quarantine", () => QuarantineRows(file, table, rejects));
        var loaded = _timer.Time("insert", () => InsertFacts(table));
        _timer.Time("replace", () => RecordChangesAndReplace(file, table, loaded));
        return new FileLoadCounts(file.DisplayName, table.Name, loaded + quarantined, loaded, quarantined);
    }

    /// <summary>
    /// The fast path for a clean CSV extract: insert straight from read_csv in one parallel pass, then check the
    /// inserted rows in one scan. If anything was rejected, invalid or duplicated, the rows are taken out again and the
    /// file goes through the staged path, which numbers rows for the quarantine. Null when that is needed.
    /// </summary>
    private FileLoadCounts? TryLoadCleanCsv(CsvExtractFile csv, FactTable table)
    {
        if (!StrictLoadSql.Applies(table))
        {
            return null;
        }

        var keyField = StrictLoadSql.ProvableKey(table) is { } keyColumn ? csv.Header.ToList().IndexOf(keyColumn) : -1;
        var facts = _timer.Time("scan", () => CsvFileScan.Scan(csv.Path, keyField >= 0 ? keyField : null));
        // Control characters are quarantined field by field on the staged path; a pseudonymised field is only hashed
        // here, so a file the scan could not clear of them (it holds quotes) goes there too when it has one.
        if (facts is { HasControlBytes: true } || (facts is null && table.Columns.Any(c => c.Kind == FactColumnKind.Pseudonym)))
        {
            return null;
        }

        var strict = new StrictLoadSql(table, quarter, key.FunctionName, valuesNeedTrimming: facts is not { HasEdgeSpaces: false });
        DropRejectTables();
        var loaded = _timer.Time($"read+validate+insert {table.Name}", () =>
        {
            foreach (var statement in strict.BuildRepeatedPseudonyms(csv.Path, CsvRejects.SkippingReadOptions))
            {
                Execute(statement);
            }

            var inserted = ExecuteValidation(strict.BuildInsert(csv.Path, csv.Header, CsvRejects.StrictReadOptions, runId, _quarterKey));
            if (strict.DropRepeatedPseudonyms() is { Length: > 0 } drop)
            {
                Execute(drop);
            }

            return inserted;
        });
        var rejected = Scalar($"SELECT count(*) FROM {CsvRejects.ErrorsTable}");
        // A line read_csv rejected makes read differ from loaded, and the staged path takes over.
        var read = rejected > 0 ? -1 : facts?.DataRows ?? _timer.Time("count", () =>
            Scalar($"SELECT count(*) FROM read_csv({Literal(csv.Path)}, {CsvRejects.ReadCsvOptions})"));
        DropRejectTables();
        // Every line became a row, so keys proven distinct in the file are distinct in the table.
        if (read == loaded && _timer.Time("verify", () => IsClean(strict, facts?.KeysDistinct == true, controlBytesPossible: facts is null)))
        {
            _timer.Time("replace", () => RecordChangesAndReplace(csv, table, loaded));
            return new FileLoadCounts(csv.DisplayName, table.Name, read, loaded, 0);
        }

        Execute($"DELETE FROM {table.Name} WHERE run_id = {runId}");
        return null;
    }

    private bool IsClean(StrictLoadSql strict, bool keysProvenDistinct, bool controlBytesPossible)
    {
        using var command = connection.CreateCommand();
        command.CommandText = strict.BuildVerification(runId, keysProvenDistinct, controlBytesPossible);
        DumpSql(command.CommandText);
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) == 0 && reader.GetInt64(1) == 0;
    }

    private void DropRejectTables() =>
        Execute($"DROP TABLE IF EXISTS {CsvRejects.ErrorsTable}; DROP TABLE IF EXISTS {CsvRejects.ScansTable}");

    private void StageRows(RowSetExtractFile rows)
    {
        var columns = string.Join(", ", rows.Header.Select(h => $"{Ident(h)} VARCHAR"));
        Execute($"CREATE OR REPLACE TEMP TABLE {RawTable} (_file VARCHAR, _row BIGINT, _problem VARCHAR, _problem_field VARCHAR, {columns})");
        using var appender = connection.CreateArrowAppender(RawTable);
        foreach (var row in rows.Rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Readers mark short and over-long rows in row.Problem, so extra fields can be dropped here.
            var line = appender.CreateRow().Append(row.File).Append(row.RowNumber).Append(row.Problem).Append(row.ProblemField);
            for (var i = 0; i < rows.Header.Count; i++)
            {
                line.Append(i < row.Fields.Length ? row.Fields[i] : null);
            }

            line.EndRow();
        }

        appender.Close();
    }

    private long ExecuteValidation(string sql)
    {
        DumpSql(sql);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Math.Max(command.ExecuteNonQuery(), 0);
    }

    // Developers can read the generated SQL: ANALYTICS_ETL_SQL_DUMP=<folder>.
    private void DumpSql(string sql)
    {
        if (Environment.GetEnvironmentVariable("ANALYTICS_ETL_SQL_DUMP") is { Length: > 0 } dump)
        {
            File.WriteAllText(Path.Combine(dump, $"{feed.Id}-{quarter}-{Environment.TickCount64}.sql"), sql);
        }
    }

    private List<(long Row, string Reason, string? Line)> ReadRejects()
    {
        var rejects = new List<(long, string, string?)>();
        using var command = connection.CreateCommand();
        command.CommandText = CsvRejects.PerLineSql + " ORDER BY data_row";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rejects.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rejects;
    }

    // Accepted rows were numbered 1..n skipping rejected lines; give them their data-row numbers back.
    // The j-th rejected row (1-based, data row d_j) has d_j - j accepted rows before it.
    private void RenumberAroundRejects(List<(long Row, string Reason, string? Line)> rejects)
    {
        // The rejects were read once already (ordered by row); their offsets need no second query.
        var offsets = string.Join(", ", rejects.Select((r, j) => (r.Row - (j + 1)).ToString(CultureInfo.InvariantCulture)));
        Execute($"""
            UPDATE {ValidationSql.CheckedTable} SET _row = _row + (
                SELECT count(*) FROM unnest([{offsets}]) r(k) WHERE r.k < {ValidationSql.CheckedTable}._row)
            """);
    }

    private void MarkDuplicates(FactTable table)
    {
        var keys = string.Join(", ", table.KeyColumns.Select(Ident));
        using (var probe = connection.CreateCommand())
        {
            probe.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM {ValidationSql.CheckedTable} WHERE _reason IS NULL GROUP BY {keys} HAVING count(*) > 1)";
            if (Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
            {
                return;
            }
        }

        var keyNames = string.Join("+", table.Source.Key);
        const string duplicateJson = "'{\"duplicate_of_row\": ' || d.first_row || '}'";
        Execute($"""
            UPDATE {ValidationSql.CheckedTable} s
            SET _reason = '重复行：主键 ({keyNames}) 与' || CASE WHEN d.first_file <> s._file THEN ' ' || d.first_file || ' ' ELSE '' END
                          || '第 ' || d.first_row || ' 行相同', _field = {Literal(table.Source.Key[^1])},
                _raw = {duplicateJson}
            FROM (SELECT _file, _row, first_value(_row) OVER w AS first_row, first_value(_file) OVER w AS first_file, row_number() OVER w AS n
                  FROM {ValidationSql.CheckedTable} WHERE _reason IS NULL
                  WINDOW w AS (PARTITION BY {keys} ORDER BY _file, _row)) d
            WHERE s._file = d._file AND s._row = d._row AND d.n > 1
            """);
    }

    private long QuarantineRows(ExtractFile file, FactTable table, List<(long Row, string Reason, string? Line)> rejects)
    {
        long count;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                INSERT INTO etl_quarantine (run_id, feed, quarter_key, file, row_number, field, reason, raw)
                SELECT {runId}, {Literal(feed.Id)}, {_quarterKey}, _file, _row, _field, _reason, _raw
                FROM {ValidationSql.CheckedTable} WHERE _reason IS NOT NULL
                """;
            count = command.ExecuteNonQuery();
        }

        if (rejects.Count == 0)
        {
            return Math.Max(count, 0);
        }

        var personal = table.Columns.Any(c => c.Kind == FactColumnKind.Pseudonym);
        using var appender = connection.CreateAppender("etl_quarantine");
        foreach (var (row, reason, line) in rejects)
        {
            appender.CreateRow().AppendValue(runId).AppendValue(feed.Id).AppendValue(_quarterKey).AppendValue(file.DisplayName).AppendValue(row)
                .AppendValue("(整行)").AppendValue(reason)
                .AppendValue(personal ? "（含个人信息，原文不保存）" : line)
                .EndRow();
        }

        appender.Close();
        return Math.Max(count, 0) + rejects.Count;
    }

    /// <summary>
    /// The new rows are in (tagged with this run); when they replace an earlier load of the quarter,
    /// record what changed key by key, then remove the earlier rows.
    /// </summary>
    private void RecordChangesAndReplace(ExtractFile file, FactTable table, long loaded)
    {
        var old = $"quarter_key = {_quarterKey} AND run_id <> {runId}";
        var before = Scalar($"SELECT count(*) FROM {table.Name} WHERE {old}");
        if (before == 0)
        {
            return;
        }

        if (file.ManifestRows is null && shrinkGuard.Check(file.DisplayName, table.Name, quarter, before, loaded) is { } allowed)
        {
            _notes.Add(allowed);
        }

        if (replacedRunId is { } previous)
        {
            var keys = string.Join(", ", table.KeyColumns.Select(Ident));
            var values = string.Join(", ", table.Columns.Select(c => Ident(c.Name)).Append("town_key"));
            Execute($"""
                INSERT INTO etl_change
                WITH o AS (SELECT {keys}, hash({values}) AS h FROM {table.Name} WHERE {old}),
                     n AS (SELECT {keys}, hash({values}) AS h FROM {table.Name} WHERE run_id = {runId})
                SELECT {runId}, {previous}, {Literal(table.Name)},
                       (SELECT count(*) FROM o), (SELECT count(*) FROM n),
                       count(*) FILTER (WHERE o.h IS NULL), count(*) FILTER (WHERE n.h IS NULL),
                       count(*) FILTER (WHERE o.h <> n.h)
                FROM o FULL OUTER JOIN n USING ({keys})
                """);
        }

        Execute($"DELETE FROM {table.Name} WHERE {old}");
    }

    private long InsertFacts(FactTable table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Ident(c.Name)));
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO {table.Name} (run_id, quarter_key, district_code, town_key, {columns})
            SELECT {runId}, {_quarterKey}, district_code, town_key, {columns}
            FROM {ValidationSql.CheckedTable} WHERE _reason IS NULL
            """;
        return Math.Max(command.ExecuteNonQuery(), 0);
    }

    // This load's connection; the statements go through the warehouse's one helper.
    private long Scalar(string sql) => WarehouseSql.Scalar<long>(connection, sql);

    private void Execute(string sql) => WarehouseSql.Execute(connection, sql);
}
