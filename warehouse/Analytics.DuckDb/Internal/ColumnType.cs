using System.Numerics;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>
/// A managed copy of a DuckDB logical type tree, read once per result column so that the hot
/// reading path never asks the native library about types again.
/// </summary>
internal sealed class ColumnType
{
    private ColumnType(DuckDbTypeId id)
    {
        Id = id;
    }

    public DuckDbTypeId Id { get; }
    public byte DecimalWidth { get; private init; }
    public byte DecimalScale { get; private init; }
    public DuckDbTypeId PhysicalId { get; private init; }
    public string[] EnumValues { get; private init; } = [];
    public ColumnType? Child { get; private init; }
    public ulong ArraySize { get; private init; }
    public (string Name, ColumnType Type)[] Fields { get; private init; } = [];
    public string? Alias { get; private init; }

    public static ColumnType Read(LogicalTypeHandle type)
    {
        var id = NativeMethods.GetTypeId(type);
        var alias = NativeMethods.ReadAndFreeString(NativeMethods.LogicalTypeGetAlias(type));
        return id switch
        {
            DuckDbTypeId.Decimal => new ColumnType(id)
            {
                DecimalWidth = NativeMethods.DecimalWidth(type),
                DecimalScale = NativeMethods.DecimalScale(type),
                PhysicalId = NativeMethods.DecimalInternalType(type),
                Alias = alias,
            },
            DuckDbTypeId.Enum => new ColumnType(id)
            {
                PhysicalId = NativeMethods.EnumInternalType(type),
                EnumValues = ReadEnumValues(type),
                Alias = alias,
            },
            DuckDbTypeId.List => new ColumnType(id) { Child = ReadOwned(NativeMethods.ListTypeChildType(type)), Alias = alias },
            DuckDbTypeId.Array => new ColumnType(id)
            {
                Child = ReadOwned(NativeMethods.ArrayTypeChildType(type)),
                ArraySize = NativeMethods.ArrayTypeArraySize(type),
                Alias = alias,
            },
            DuckDbTypeId.Map => new ColumnType(id)
            {
                // A MAP is stored as LIST(STRUCT(key, value)); read it through that shape.
                Child = ReadOwned(NativeMethods.ListTypeChildType(type)),
                Alias = alias,
            },
            DuckDbTypeId.Struct or DuckDbTypeId.Union => new ColumnType(id) { Fields = ReadFields(type), Alias = alias },
            _ => new ColumnType(id) { Alias = alias },
        };
    }

    private static ColumnType ReadOwned(IntPtr pointer)
    {
        using var child = LogicalTypeHandle.FromPointer(pointer);
        return Read(child);
    }

    private static string[] ReadEnumValues(LogicalTypeHandle type)
    {
        var count = NativeMethods.EnumDictionarySize(type);
        var values = new string[count];
        for (uint i = 0; i < count; i++)
        {
            values[i] = NativeMethods.ReadAndFreeString(NativeMethods.EnumDictionaryValue(type, i)) ?? string.Empty;
        }

        return values;
    }

    private static (string, ColumnType)[] ReadFields(LogicalTypeHandle type)
    {
        // A UNION is physically a STRUCT whose first child is the tag; both expose their children
        // through the struct accessors.
        var count = NativeMethods.StructTypeChildCount(type);
        var fields = new (string, ColumnType)[count];
        for (ulong i = 0; i < count; i++)
        {
            var name = NativeMethods.ReadAndFreeString(NativeMethods.StructTypeChildName(type, i)) ?? $"f{i}";
            fields[i] = (name, ReadOwned(NativeMethods.StructTypeChildType(type, i)));
        }

        return fields;
    }

    /// <summary>The .NET type GetValue returns for this column.</summary>
    public Type ClrType => Id switch
    {
        DuckDbTypeId.Boolean => typeof(bool),
        DuckDbTypeId.TinyInt => typeof(sbyte),
        DuckDbTypeId.SmallInt => typeof(short),
        DuckDbTypeId.Integer => typeof(int),
        DuckDbTypeId.BigInt => typeof(long),
        DuckDbTypeId.UTinyInt => typeof(byte),
        DuckDbTypeId.USmallInt => typeof(ushort),
        DuckDbTypeId.UInteger => typeof(uint),
        DuckDbTypeId.UBigInt => typeof(ulong),
        DuckDbTypeId.HugeInt or DuckDbTypeId.UHugeInt => typeof(BigInteger),
        DuckDbTypeId.Float => typeof(float),
        DuckDbTypeId.Double => typeof(double),
        DuckDbTypeId.Decimal => typeof(decimal),
        DuckDbTypeId.Varchar or DuckDbTypeId.Enum => typeof(string),
        DuckDbTypeId.Blob => typeof(byte[]),
        DuckDbTypeId.Date => typeof(DateOnly),
        DuckDbTypeId.Time or DuckDbTypeId.TimeNs => typeof(TimeOnly),
        DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampS or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampNs => typeof(DateTime),
        DuckDbTypeId.TimestampTz => typeof(DateTimeOffset),
        DuckDbTypeId.Interval => typeof(DuckDbInterval),
        DuckDbTypeId.Uuid => typeof(Guid),
        DuckDbTypeId.List or DuckDbTypeId.Array => typeof(List<object?>),
        DuckDbTypeId.SqlNull => typeof(object),
        // Everything else (STRUCT, MAP, UNION, TIME WITH TIME ZONE, BIT, ...) reads as DuckDB-style text.
        _ => typeof(string),
    };

    /// <summary>DuckDB's own spelling of the type, as DESCRIBE shows it.</summary>
    public string SqlName => Alias ?? Id switch
    {
        DuckDbTypeId.Boolean => "BOOLEAN",
        DuckDbTypeId.TinyInt => "TINYINT",
        DuckDbTypeId.SmallInt => "SMALLINT",
        DuckDbTypeId.Integer => "INTEGER",
        DuckDbTypeId.BigInt => "BIGINT",
        DuckDbTypeId.UTinyInt => "UTINYINT",
        DuckDbTypeId.USmallInt => "USMALLINT",
        DuckDbTypeId.UInteger => "UINTEGER",
        DuckDbTypeId.UBigInt => "UBIGINT",
        DuckDbTypeId.HugeInt => "HUGEINT",
        DuckDbTypeId.UHugeInt => "UHUGEINT",
        DuckDbTypeId.Float => "FLOAT",
        DuckDbTypeId.Double => "DOUBLE",
        DuckDbTypeId.Decimal => $"DECIMAL({DecimalWidth},{DecimalScale})",
        DuckDbTypeId.Varchar => "VARCHAR",
        DuckDbTypeId.Blob => "BLOB",
        DuckDbTypeId.Date => "DATE",
        DuckDbTypeId.Time => "TIME",
        DuckDbTypeId.TimeNs => "TIME_NS",
        DuckDbTypeId.TimeTz => "TIME WITH TIME ZONE",
        DuckDbTypeId.Timestamp => "TIMESTAMP",
        DuckDbTypeId.TimestampS => "TIMESTAMP_S",
        DuckDbTypeId.TimestampMs => "TIMESTAMP_MS",
        DuckDbTypeId.TimestampNs => "TIMESTAMP_NS",
        DuckDbTypeId.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbTypeId.Interval => "INTERVAL",
        DuckDbTypeId.Uuid => "UUID",
        DuckDbTypeId.Enum => $"ENUM({string.Join(", ", EnumValues.Select(v => $"'{v}'"))})",
        DuckDbTypeId.List => $"{Child!.SqlName}[]",
        DuckDbTypeId.Array => $"{Child!.SqlName}[{ArraySize}]",
        DuckDbTypeId.Map => $"MAP({Child!.Fields[0].Type.SqlName}, {Child.Fields[1].Type.SqlName})",
        DuckDbTypeId.Struct => $"STRUCT({string.Join(", ", Fields.Select(f => $"{f.Name} {f.Type.SqlName}"))})",
        DuckDbTypeId.Union => $"UNION({string.Join(", ", Fields.Skip(1).Select(f => $"{f.Name} {f.Type.SqlName}"))})",
        DuckDbTypeId.Bit => "BIT",
        DuckDbTypeId.BigNum => "BIGNUM",
        DuckDbTypeId.SqlNull => "NULL",
        _ => Id.ToString().ToUpperInvariant(),
    };
}
