using System.Runtime.InteropServices;

namespace Analytics.DuckDb.Native;

/// <summary>duckdb_state: the return code of most C API calls.</summary>
internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}

/// <summary>duckdb_pending_state, returned while a pending query executes.</summary>
internal enum DuckDbPendingState
{
    ResultReady = 0,
    ResultNotReady = 1,
    Error = 2,
    NoTasksAvailable = 3,
}

/// <summary>duckdb_result_type: what kind of result a statement produced.</summary>
internal enum DuckDbResultType
{
    Invalid = 0,
    ChangedRows = 1,
    Nothing = 2,
    QueryResult = 3,
}

/// <summary>duckdb_type: the type ids of DuckDB's logical types.</summary>
internal enum DuckDbTypeId
{
    Invalid = 0,
    Boolean = 1,
    TinyInt = 2,
    SmallInt = 3,
    Integer = 4,
    BigInt = 5,
    UTinyInt = 6,
    USmallInt = 7,
    UInteger = 8,
    UBigInt = 9,
    Float = 10,
    Double = 11,
    Timestamp = 12,
    Date = 13,
    Time = 14,
    Interval = 15,
    HugeInt = 16,
    Varchar = 17,
    Blob = 18,
    Decimal = 19,
    TimestampS = 20,
    TimestampMs = 21,
    TimestampNs = 22,
    Enum = 23,
    List = 24,
    Struct = 25,
    Map = 26,
    Uuid = 27,
    Union = 28,
    Bit = 29,
    TimeTz = 30,
    TimestampTz = 31,
    UHugeInt = 32,
    Array = 33,
    Any = 34,
    BigNum = 35,
    SqlNull = 36,
    StringLiteral = 37,
    IntegerLiteral = 38,
    TimeNs = 39,
}

/// <summary>The C struct duckdb_result; owned through <see cref="ResultHandle"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResultStruct
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public IntPtr DeprecatedColumns;
    public IntPtr DeprecatedErrorMessage;
    public IntPtr InternalData;
}

/// <summary>duckdb_hugeint: a 128-bit signed integer as two halves.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbHugeInt
{
    public ulong Lower;
    public long Upper;

    public DuckDbHugeInt(Int128 value)
    {
        Lower = (ulong)value;
        Upper = (long)(value >> 64);
    }

    public readonly Int128 ToInt128() => new((ulong)Upper, Lower);
}

/// <summary>duckdb_uhugeint: a 128-bit unsigned integer as two halves.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbUHugeInt
{
    public ulong Lower;
    public ulong Upper;
}

/// <summary>duckdb_decimal: width, scale and the unscaled value.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbDecimalStruct
{
    public byte Width;
    public byte Scale;
    public DuckDbHugeInt Value;
}

/// <summary>duckdb_interval: months, days and microseconds, kept apart as DuckDB does.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbIntervalStruct
{
    public int Months;
    public int Days;
    public long Micros;
}

/// <summary>duckdb_string_t: 16 bytes, inlined when at most 12 bytes long.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbStringStruct
{
    public uint Length;
    public uint Prefix;
    public IntPtr Pointer;
}

/// <summary>duckdb_list_entry: offset and length of one list in the child vector.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbListEntry
{
    public ulong Offset;
    public ulong Length;
}
