using System.Globalization;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Appending;

/// <summary>
/// How the appender carries one table column to DuckDB in Arrow form: its layout, its Arrow format
/// string, and the SQL that turns the scanned value into the column's type. HUGEINT, UUID and INTERVAL
/// travel as text and are cast by DuckDB, which keeps every value exact (Arrow has no 128-bit integer
/// and its interval type counts nanoseconds, which would overflow DuckDB's microsecond range).
/// </summary>
internal sealed record ArrowColumn(ArrowLayout Layout, int Width, string Format, string? CastTo)
{
    public static ArrowColumn For(ColumnType type) => type.Id switch
    {
        DuckDbTypeId.Boolean => new(ArrowLayout.Bits, 0, "b", null),
        DuckDbTypeId.TinyInt => Fixed(1, "c"),
        DuckDbTypeId.SmallInt => Fixed(2, "s"),
        DuckDbTypeId.Integer => Fixed(4, "i"),
        DuckDbTypeId.BigInt => Fixed(8, "l"),
        DuckDbTypeId.UTinyInt => Fixed(1, "C"),
        DuckDbTypeId.USmallInt => Fixed(2, "S"),
        DuckDbTypeId.UInteger => Fixed(4, "I"),
        DuckDbTypeId.UBigInt => Fixed(8, "L"),
        DuckDbTypeId.Float => Fixed(4, "f"),
        DuckDbTypeId.Double => Fixed(8, "g"),
        DuckDbTypeId.Decimal => Fixed(16, string.Create(CultureInfo.InvariantCulture, $"d:{type.DecimalWidth},{type.DecimalScale}")),
        DuckDbTypeId.Date => Fixed(4, "tdD"),
        DuckDbTypeId.Time => Fixed(8, "ttu"),
        DuckDbTypeId.Timestamp => Fixed(8, "tsu:"),
        DuckDbTypeId.TimestampTz => Fixed(8, "tsu:UTC"),
        DuckDbTypeId.Varchar => new(ArrowLayout.Variable, 0, "u", null),
        DuckDbTypeId.Blob => new(ArrowLayout.Variable, 0, "z", null),
        DuckDbTypeId.HugeInt => Text("HUGEINT"),
        DuckDbTypeId.Uuid => Text("UUID"),
        DuckDbTypeId.Interval => Text("INTERVAL"),
        _ => throw new NotSupportedException($"The appender has no Arrow form for {type.SqlName}."),
    };

    /// <summary>The select-list expression that reads the scanned column <paramref name="name"/>.</summary>
    public string SelectExpression(string name) => CastTo is null ? name : $"CAST({name} AS {CastTo})";

    private static ArrowColumn Fixed(int width, string format) => new(ArrowLayout.Fixed, width, format, null);

    private static ArrowColumn Text(string castTo) => new(ArrowLayout.Variable, 0, "u", castTo);
}
