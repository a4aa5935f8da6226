using Analytics.Etl.Tests.Support;
using Analytics.Sources;
using Analytics.Warehouse.Schema;

namespace Analytics.Etl.Tests;

/// <summary>Names and 身份证号 never reach the warehouse in clear; they become stable keyed pseudonyms.</summary>
[Collection(EtlCollection.Name)]
public sealed class PrivacyTests(DemoDropFixture drop) : IDisposable
{
    private const string Recipients = "assistance/2024Q3/recipients.csv";
    private readonly TestBed _bed = new(drop);

    public void Dispose() => _bed.Dispose();

    /// <summary>Values of one column of a CSV, by header name (demo files are unquoted).</summary>
    private static IEnumerable<string> Column(string path, string column)
    {
        using var lines = File.ReadLines(path).GetEnumerator();
        lines.MoveNext();
        var index = Array.IndexOf(lines.Current.Split(','), column);
        Assert.True(index >= 0);
        while (lines.MoveNext())
        {
            var fields = lines.Current.Split(',');
            if (index < fields.Length)
            {
                yield return fields[index];
            }
        }
    }

    /// <summary>
    /// Loads assistance (with rows quarantined for an unknown town, a bad 身份证号 and a malformed line,
    /// so the quarantine paths are covered too), verification and eldercare for 2024Q3.
    /// </summary>
    private (List<string> Names, List<string> Ids) LoadPersonalData()
    {
        _bed.Copy("assistance", "2024Q3");
        _bed.SetCell(Recipients, 5, "town_name", "火星街道");
        var badId = _bed.Cell(Recipients, 9, "citizen_id");
        _bed.SetCell(Recipients, 9, "citizen_id", badId[..17] + (badId[17] == '1' ? '2' : '1'));
        var lines = _bed.Lines(Recipients);
        lines[12] += ",多余";
        _bed.WriteLines(Recipients, lines);
        var assistance = _bed.Load("assistance", "2024Q3");
        Assert.Equal(3, assistance.RowsQuarantined);
        _bed.LoadDemo("verification", "2024Q3");
        _bed.LoadDemo("eldercare", "2024Q3");

        var recipients = _bed.PathOf(Recipients);
        var names = Column(recipients, "name")
            .Concat(Column(Path.Combine(drop.Root, "verification/2024Q3/verifiers.csv"), "name"))
            .Concat(Column(Path.Combine(drop.Root, "eldercare/2024Q3/staff.csv"), "name"))
            .Distinct().ToList();
        var ids = Column(recipients, "citizen_id").Append(badId).Distinct().ToList();
        return (names, ids);
    }

    [Fact]
    public void The_database_file_contains_no_source_name_and_no_citizen_id()
    {
        var (names, ids) = LoadPersonalData();
        Assert.True(names.Count > 5000 && ids.Count > 20000, $"{names.Count} names, {ids.Count} ids");

        // Names that are also ordinary words of the warehouse (a town called like a person) prove nothing.
        var fresh = Path.Combine(_bed.Folder, "empty.duckdb");
        Warehouse.WarehouseDatabase.Open(fresh);
        var coincidental = new ByteScanner(names).FindIn(fresh, int.MaxValue).ToHashSet();
        var scanner = new ByteScanner(names.Where(n => !coincidental.Contains(n)).Concat(ids));
        Assert.True(coincidental.Count < 10, string.Join("、", coincidental));

        var files = new[] { _bed.DatabasePath, _bed.DatabasePath + ".wal" }.Where(File.Exists).ToList();
        Assert.True(new FileInfo(_bed.DatabasePath).Length > 1_000_000);
        foreach (var file in files)
        {
            Assert.Empty(scanner.FindIn(file));
        }
    }

    [Fact]
    public void The_byte_scan_finds_a_name_stored_in_clear()
    {
        // The control for the scan above: the same scanner does see a name a table holds in clear.
        var name = Column(Path.Combine(drop.Root, "eldercare/2024Q3/staff.csv"), "name").First();
        using (var connection = _bed.Warehouse.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"CREATE TABLE scratch AS SELECT '{name}' || range AS s FROM range(3); CHECKPOINT";
            command.ExecuteNonQuery();
        }

        Assert.Contains(name, new ByteScanner([name]).FindIn(_bed.DatabasePath));
    }

    [Fact]
    public void No_text_column_of_the_warehouse_holds_a_source_name_or_citizen_id()
    {
        var (names, ids) = LoadPersonalData();
        using var connection = _bed.Warehouse.Connect();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TEMP TABLE pii (value VARCHAR)";
            create.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("pii"))
        {
            foreach (var value in names.Concat(ids))
            {
                appender.CreateRow().AppendValue(value).EndRow();
            }
        }

        var hits = new List<string>();
        var tables = StarSchema.FactTables.Select(t => (t.Name, Columns: t.Columns.Where(c => c.SqlType == "VARCHAR").Select(c => c.Name).Append("district_code")));
        foreach (var (table, columns) in tables)
        {
            foreach (var column in columns)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM {table} WHERE {column} IN (SELECT value FROM pii)";
                if (Convert.ToInt64(command.ExecuteScalar()) > 0)
                {
                    hits.Add($"{table}.{column}");
                }
            }
        }

        foreach (var (table, column) in new[] { ("etl_quarantine", "raw"), ("etl_quarantine", "reason"), ("etl_run", "message"), ("etl_run", "origin") })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM {table} JOIN pii ON contains({column}, pii.value)";
            if (Convert.ToInt64(command.ExecuteScalar()) > 0)
            {
                hits.Add($"{table}.{column}");
            }
        }

        Assert.Empty(hits);
    }

    [Theory]
    [InlineData(false)] // a clean file: the fast path
    [InlineData(true)]  // one bad row sends the file through the staged path, which quarantines it
    public void Every_row_gets_the_pseudonyms_of_its_own_name_and_id_when_names_repeat(bool withBadRow)
    {
        // Names are pseudonymised once per distinct value and joined back: every row must still get its own.
        _bed.Copy("assistance", "2024Q3", maxRows: 2000);
        var badRecipient = withBadRow ? _bed.Cell(Recipients, 7, "recipient_id") : null;
        if (withBadRow)
        {
            _bed.SetCell(Recipients, 7, "household_size", "-1");
        }

        var (recipient, name, id) = (_bed.ColumnIndex(Recipients, "recipient_id"), _bed.ColumnIndex(Recipients, "name"), _bed.ColumnIndex(Recipients, "citizen_id"));
        var expected = _bed.Lines(Recipients).Skip(1).Select(l => l.Split(',')).Where(f => f[recipient] != badRecipient)
            .ToDictionary(f => f[recipient], f => (TestBed.Key.Pseudonym(f[id].ToUpperInvariant()), TestBed.Key.Pseudonym(f[name])));
        var distinctNames = _bed.Lines(Recipients).Skip(1).Select(l => l.Split(',')[name]).Distinct().Count();
        Assert.True(distinctNames < expected.Count, $"the sample should repeat names ({distinctNames} distinct in {expected.Count})");

        _bed.Load("assistance", "2024Q3");

        var stored = _bed.Query("SELECT recipient_id, citizen_id_key, name_key FROM fact_assistance_recipients",
            r => (r.GetString(0), (r.GetString(1), r.GetString(2))));
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(stored, row => Assert.Equal(expected[row.Item1], row.Item2));
    }

    [Fact]
    public void Personal_columns_hold_32_hex_pseudonyms_of_the_test_key()
    {
        _bed.Copy("assistance", "2024Q3", maxRows: 2000);
        var id = _bed.Cell(Recipients, 3, "citizen_id");
        var name = _bed.Cell(Recipients, 3, "name");
        var recipientId = _bed.Cell(Recipients, 3, "recipient_id");

        _bed.Load("assistance", "2024Q3");

        Assert.Equal(2000, _bed.Scalar("SELECT count(*) FROM fact_assistance_recipients"));
        Assert.Equal(0, _bed.Scalar(
            "SELECT count(*) FROM fact_assistance_recipients WHERE NOT regexp_full_match(citizen_id_key, '[0-9a-f]{32}') OR NOT regexp_full_match(name_key, '[0-9a-f]{32}')"));
        var keys = _bed.Query($"SELECT citizen_id_key, name_key FROM fact_assistance_recipients WHERE recipient_id = '{recipientId}'",
            r => (r.GetString(0), r.GetString(1))).Single();
        Assert.Equal((TestBed.Key.Pseudonym(id), TestBed.Key.Pseudonym(name)), keys);
        Assert.DoesNotContain("citizen_id", StarSchema.FactTables.SelectMany(t => t.Columns).Select(c => c.Name));
        Assert.DoesNotContain("name", StarSchema.For(Sources.Catalog.SourceCatalog.File("assistance", "recipients")).Columns.Select(c => c.Name));
    }

    [Fact]
    public void The_same_citizen_id_gets_the_same_pseudonym_in_two_quarters()
    {
        _bed.Copy("assistance", "2024Q2", maxRows: 2000).Copy("assistance", "2024Q3", maxRows: 2000);
        _bed.Load("assistance", "2024Q2");
        _bed.Load("assistance", "2024Q3");

        var idsQ2 = Column(_bed.PathOf("assistance/2024Q2/recipients.csv"), "citizen_id").ToHashSet();
        var common = Column(_bed.PathOf(Recipients), "citizen_id").Where(idsQ2.Contains).ToList();
        Assert.True(common.Count > 1000, $"only {common.Count} recipients in both quarters");
        var pairs = _bed.Query("""
            SELECT a.citizen_id_key, count(DISTINCT a.quarter_key)
            FROM fact_assistance_recipients a
            GROUP BY a.citizen_id_key
            """, r => (Key: r.GetString(0), Quarters: r.GetInt64(1))).ToDictionary(p => p.Key, p => p.Quarters);
        Assert.All(common, id => Assert.Equal(2, pairs.GetValueOrDefault(TestBed.Key.Pseudonym(id))));
    }
}
