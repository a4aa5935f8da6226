using System.Globalization;
using System.Text;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Vectors;

/// <summary>
/// Reads the values of one column of the current data chunk straight from DuckDB's vector memory.
/// One reader per result column, re-bound to each new chunk; typed getters avoid boxing.
/// </summary>
internal abstract unsafe class VectorReader
{
    protected byte* Data;
    private ulong* _validity;

    protected VectorReader(ColumnType type)
    {
        Type = type;
    }

    public ColumnType Type { get; }

    public void Bind(IntPtr vector)
    {
        Data = (byte*)NativeMethods.VectorGetData(vector);
        _validity = (ulong*)NativeMethods.VectorGetValidity(vector);
        BindChildren(vector);
    }

    protected virtual void BindChildren(IntPtr vector)
    {
    }

    public bool IsNull(ulong row) => _validity != null && (_validity[row >> 6] & (1UL << (int)(row & 63))) == 0;

    /// <summary>The value at a row known not to be NULL, as the column's .NET type.</summary>
    public abstract object GetValue(ulong row);

    public virtual bool GetBoolean(ulong row) => Convert.ToBoolean(GetValue(row), CultureInfo.InvariantCulture);
    public virtual byte GetByte(ulong row) => Convert.ToByte(GetValue(row), CultureInfo.InvariantCulture);
    public virtual short GetInt16(ulong row) => Convert.ToInt16(GetValue(row), CultureInfo.InvariantCulture);
    public virtual int GetInt32(ulong row) => Convert.ToInt32(GetValue(row), CultureInfo.InvariantCulture);
    public virtual long GetInt64(ulong row) => Convert.ToInt64(GetValue(row), CultureInfo.InvariantCulture);
    public virtual float GetFloat(ulong row) => Convert.ToSingle(GetValue(row), CultureInfo.InvariantCulture);
    public virtual double GetDouble(ulong row) => Convert.ToDouble(GetValue(row), CultureInfo.InvariantCulture);
    public virtual decimal GetDecimal(ulong row) => Convert.ToDecimal(GetValue(row), CultureInfo.InvariantCulture);
    public virtual DateTime GetDateTime(ulong row) => GetValue(row) switch
    {
        DateTime value => value,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        DateTimeOffset offset => offset.UtcDateTime,
        var other => throw InvalidCast(other, typeof(DateTime)),
    };

    public virtual string GetString(ulong row) => GetValue(row) switch
    {
        string text => text,
        var other => throw InvalidCast(other, typeof(string)),
    };

    public virtual Guid GetGuid(ulong row) => GetValue(row) switch
    {
        Guid guid => guid,
        var other => throw InvalidCast(other, typeof(Guid)),
    };

    /// <summary>DuckDB's text of a non-NULL value, as <c>value::VARCHAR</c> prints it.</summary>
    /// <summary>The value as DuckDB's text form, built by <see cref="AppendText"/> (how STRUCT, MAP and UNION read).</summary>
    protected string TextOf(ulong row)
    {
        var builder = new StringBuilder();
        AppendText(builder, row);
        return builder.ToString();
    }

    public virtual string GetText(ulong row) => ValueText.Format(GetValue(row));

    /// <summary>At most <paramref name="maxBytes"/> UTF-8 bytes of the text form, and the whole text form's byte count.</summary>
    public virtual string GetTextPrefix(ulong row, int maxBytes, out long byteCount)
    {
        var text = GetText(row);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        byteCount = bytes.Length;
        return bytes.Length <= maxBytes ? text : Utf8Prefix.Decode(bytes, maxBytes);
    }

    /// <summary>
    /// Appends the value as DuckDB prints it inside a LIST, STRUCT or MAP: NULL spelled out, and
    /// quoted only when the text would otherwise be ambiguous (see <see cref="ValueText.AppendNested"/>).
    /// </summary>
    public virtual void AppendText(StringBuilder builder, ulong row)
    {
        if (IsNull(row))
        {
            builder.Append("NULL");
            return;
        }

        ValueText.AppendNested(builder, GetText(row));
    }

    protected InvalidCastException InvalidCast(object value, Type target) =>
        new($"Column of type {Type.SqlName} holds a {value.GetType().Name} and cannot be read as {target.Name}.");
}
