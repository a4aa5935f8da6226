using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Vectors;

/// <summary>Chooses the reader for a column's logical type.</summary>
internal static class VectorReaderFactory
{
    public static VectorReader Create(ColumnType type) => type.Id switch
    {
        DuckDbTypeId.Boolean => new BooleanReader(type),
        DuckDbTypeId.TinyInt => new NumericReader<sbyte>(type),
        DuckDbTypeId.SmallInt => new NumericReader<short>(type),
        DuckDbTypeId.Integer => new NumericReader<int>(type),
        DuckDbTypeId.BigInt => new NumericReader<long>(type),
        DuckDbTypeId.UTinyInt => new NumericReader<byte>(type),
        DuckDbTypeId.USmallInt => new NumericReader<ushort>(type),
        DuckDbTypeId.UInteger => new NumericReader<uint>(type),
        DuckDbTypeId.UBigInt => new NumericReader<ulong>(type),
        DuckDbTypeId.Float => new NumericReader<float>(type),
        DuckDbTypeId.Double => new NumericReader<double>(type),
        DuckDbTypeId.HugeInt => new HugeIntReader(type, unsigned: false),
        DuckDbTypeId.UHugeInt => new HugeIntReader(type, unsigned: true),
        DuckDbTypeId.Decimal => new DecimalReader(type),
        DuckDbTypeId.Varchar => new VarcharReader(type),
        DuckDbTypeId.Blob => new BlobReader(type),
        DuckDbTypeId.Bit => new BitReader(type),
        DuckDbTypeId.Enum => new EnumReader(type),
        DuckDbTypeId.Uuid => new UuidReader(type),
        DuckDbTypeId.Date => new DateReader(type),
        DuckDbTypeId.Time or DuckDbTypeId.TimeNs => new TimeReader(type),
        DuckDbTypeId.TimeTz => new TimeTzReader(type),
        DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampS or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampNs => new TimestampReader(type),
        DuckDbTypeId.TimestampTz => new TimestampTzReader(type),
        DuckDbTypeId.Interval => new IntervalReader(type),
        DuckDbTypeId.List => new ListReader(type),
        DuckDbTypeId.Array => new ArrayReader(type),
        DuckDbTypeId.Struct => new StructReader(type),
        DuckDbTypeId.Union => new UnionReader(type),
        DuckDbTypeId.Map => new MapReader(type),
        DuckDbTypeId.SqlNull => new NullReader(type),
        _ => new UnsupportedReader(type),
    };
}
