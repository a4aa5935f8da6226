using System.Globalization;
using System.Numerics;
using System.Text;
using Analytics.DuckDb.Internal.Vectors;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal;

/// <summary>Binds ADO.NET parameter values to a prepared statement's $1 / $name placeholders.</summary>
internal static class ParameterBinder
{
    /// <summary>
    /// Binds every placeholder. Positional placeholders ($1, ?) need exactly as many positional
    /// parameters as the statement has (when <paramref name="requireExactCount"/>), so a forgotten
    /// or extra value is an error. Named placeholders ($name) are looked up by name and extra named
    /// parameters are ignored: tools such as Dapper pass every property of a parameter object.
    /// </summary>
    public static void Bind(PreparedStatementHandle statement, string[] placeholderNames, DuckDbParameterCollection parameters, bool requireExactCount)
    {
        NativeMethods.ClearBindings(statement);
        if (requireExactCount && placeholderNames.All(IsPosition))
        {
            var supplied = 0;
            foreach (DuckDbParameter parameter in parameters)
            {
                supplied += parameter.BareName.Length == 0 || IsPosition(parameter.BareName) ? 1 : 0;
            }

            if (supplied != placeholderNames.Length)
            {
                throw new DuckDbException(
                    $"The statement expects {placeholderNames.Length} parameter(s) but {supplied} were supplied.");
            }
        }

        for (var i = 0; i < placeholderNames.Length; i++)
        {
            var parameter = Find(parameters, placeholderNames[i])
                ?? throw new DuckDbException($"No value was supplied for parameter ${placeholderNames[i]}.");
            BindValue(statement, (ulong)(i + 1), parameter);
        }
    }

    private static bool IsPosition(string name) =>
        name.Length > 0 && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static DuckDbParameter? Find(DuckDbParameterCollection parameters, string placeholder)
    {
        var byName = parameters.FindByName(placeholder);
        if (byName is not null)
        {
            return byName;
        }

        // $1, $2 ... (and ?) take the parameters in order when they carry no names.
        if (int.TryParse(placeholder, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && position >= 1 && position <= parameters.Count)
        {
            var candidate = parameters[position - 1];
            return string.IsNullOrEmpty(candidate.ParameterName) || candidate.ParameterName.TrimStart('$', '@', ':') == placeholder
                ? candidate
                : null;
        }

        return null;
    }

    private static unsafe void BindValue(PreparedStatementHandle statement, ulong index, DuckDbParameter parameter)
    {
        var state = parameter.Value switch
        {
            null or DBNull => NativeMethods.BindNull(statement, index),
            bool v => NativeMethods.BindBoolean(statement, index, v),
            sbyte v => NativeMethods.BindInt8(statement, index, v),
            short v => NativeMethods.BindInt16(statement, index, v),
            int v => NativeMethods.BindInt32(statement, index, v),
            long v => NativeMethods.BindInt64(statement, index, v),
            byte v => NativeMethods.BindUInt8(statement, index, v),
            ushort v => NativeMethods.BindUInt16(statement, index, v),
            uint v => NativeMethods.BindUInt32(statement, index, v),
            ulong v => NativeMethods.BindUInt64(statement, index, v),
            Int128 v => NativeMethods.BindHugeInt(statement, index, new DuckDbHugeInt(v)),
            BigInteger v => NativeMethods.BindHugeInt(statement, index, new DuckDbHugeInt((Int128)v)),
            float v => NativeMethods.BindFloat(statement, index, v),
            double v => NativeMethods.BindDouble(statement, index, v),
            decimal v => BindDecimal(statement, index, v),
            string v => BindText(statement, index, v),
            char v => BindText(statement, index, v.ToString()),
            byte[] v => BindBlob(statement, index, v),
            DateOnly v => NativeMethods.BindDate(statement, index, Temporal.FromDate(v)),
            DateTime v => NativeMethods.BindTimestamp(statement, index, Temporal.FromDateTime(v)),
            DateTimeOffset v => NativeMethods.BindTimestampTz(statement, index, Temporal.FromDateTime(v.UtcDateTime)),
            TimeOnly v => NativeMethods.BindTime(statement, index, v.Ticks / 10),
            TimeSpan v => BindInterval(statement, index, DuckDbInterval.FromTimeSpan(v)),
            DuckDbInterval v => BindInterval(statement, index, v),
            Guid v => BindGuid(statement, index, v),
            Enum v => NativeMethods.BindInt64(statement, index, Convert.ToInt64(v, CultureInfo.InvariantCulture)),
            var other => throw new NotSupportedException(
                $"Parameter {parameter.ParameterName} has a value of type {other.GetType().Name}, which the DuckDB provider cannot bind."),
        };

        if (state != DuckDbState.Success)
        {
            throw new DuckDbException($"DuckDB could not bind parameter {index} ({parameter.ParameterName}) to the value {ValueText.Format(parameter.Value)}.");
        }
    }

    private static DuckDbState BindDecimal(PreparedStatementHandle statement, ulong index, decimal value)
    {
        var (width, scale, unscaled) = DecimalConversion.FromDecimal(value);
        return NativeMethods.BindDecimal(statement, index, new DuckDbDecimalStruct { Width = width, Scale = scale, Value = new DuckDbHugeInt(unscaled) });
    }

    private static unsafe DuckDbState BindText(PreparedStatementHandle statement, ulong index, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* pointer = bytes)
        {
            return NativeMethods.BindVarchar(statement, index, pointer, (ulong)bytes.Length);
        }
    }

    private static unsafe DuckDbState BindBlob(PreparedStatementHandle statement, ulong index, byte[] value)
    {
        fixed (byte* pointer = value)
        {
            return NativeMethods.BindBlob(statement, index, pointer, (ulong)value.Length);
        }
    }

    private static DuckDbState BindInterval(PreparedStatementHandle statement, ulong index, DuckDbInterval value) =>
        NativeMethods.BindInterval(statement, index, new DuckDbIntervalStruct { Months = value.Months, Days = value.Days, Micros = value.Microseconds });

    private static DuckDbState BindGuid(PreparedStatementHandle statement, ulong index, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        var uuid = new DuckDbUHugeInt
        {
            Upper = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
            Lower = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        };
        var native = NativeMethods.CreateUuidValue(uuid);
        try
        {
            return NativeMethods.BindValue(statement, index, native);
        }
        finally
        {
            NativeMethods.DestroyValue(ref native);
        }
    }
}
