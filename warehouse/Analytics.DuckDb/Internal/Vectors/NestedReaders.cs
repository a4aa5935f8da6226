using System.Text;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb.Internal.Vectors;

/// <summary>LIST: entries of (offset, length) into a child vector; read as List&lt;object?&gt;.</summary>
internal sealed unsafe class ListReader(ColumnType type) : VectorReader(type)
{
    private readonly VectorReader _child = VectorReaderFactory.Create(type.Child!);

    protected override void BindChildren(IntPtr vector) => _child.Bind(NativeMethods.ListVectorGetChild(vector));

    public override object GetValue(ulong row)
    {
        var entry = ((DuckDbListEntry*)Data)[row];
        return NestedValues.ReadRange(_child, entry.Offset, entry.Length);
    }

    public override string GetText(ulong row) => NestedValues.Text(this, row);
    public override string GetString(ulong row) => GetText(row);

    public override void AppendText(StringBuilder builder, ulong row)
    {
        if (IsNull(row))
        {
            builder.Append("NULL");
            return;
        }

        var entry = ((DuckDbListEntry*)Data)[row];
        NestedValues.AppendRangeText(builder, _child, entry.Offset, entry.Length);
    }
}

/// <summary>ARRAY(n): a fixed-size list whose children sit at row * n.</summary>
internal sealed class ArrayReader(ColumnType type) : VectorReader(type)
{
    private readonly VectorReader _child = VectorReaderFactory.Create(type.Child!);

    protected override void BindChildren(IntPtr vector) => _child.Bind(NativeMethods.ArrayVectorGetChild(vector));

    public override object GetValue(ulong row) => NestedValues.ReadRange(_child, row * Type.ArraySize, Type.ArraySize);
    public override string GetText(ulong row) => NestedValues.Text(this, row);
    public override string GetString(ulong row) => GetText(row);

    public override void AppendText(StringBuilder builder, ulong row)
    {
        if (IsNull(row))
        {
            builder.Append("NULL");
            return;
        }

        NestedValues.AppendRangeText(builder, _child, row * Type.ArraySize, Type.ArraySize);
    }
}

/// <summary>STRUCT: read as DuckDB's text form {'field': value, ...}.</summary>
internal sealed class StructReader(ColumnType type) : VectorReader(type)
{
    private readonly VectorReader[] _fields = type.Fields.Select(f => VectorReaderFactory.Create(f.Type)).ToArray();

    protected override void BindChildren(IntPtr vector)
    {
        for (var i = 0; i < _fields.Length; i++)
        {
            _fields[i].Bind(NativeMethods.StructVectorGetChild(vector, (ulong)i));
        }
    }

    public override object GetValue(ulong row) => TextOf(row);

    public override void AppendText(StringBuilder builder, ulong row)
    {
        if (IsNull(row))
        {
            builder.Append("NULL");
            return;
        }

        builder.Append('{');
        for (var i = 0; i < _fields.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            ValueText.AppendQuoted(builder, Type.Fields[i].Name);
            builder.Append(": ");
            _fields[i].AppendText(builder, row);
        }

        builder.Append('}');
    }
}

/// <summary>UNION: a tag child plus one child per member; read as the active member's text.</summary>
internal sealed class UnionReader(ColumnType type) : VectorReader(type)
{
    private readonly VectorReader[] _members = type.Fields.Select(f => VectorReaderFactory.Create(f.Type)).ToArray();

    protected override void BindChildren(IntPtr vector)
    {
        for (var i = 0; i < _members.Length; i++)
        {
            _members[i].Bind(NativeMethods.StructVectorGetChild(vector, (ulong)i));
        }
    }

    private VectorReader Active(ulong row) => _members[_members[0].GetByte(row) + 1];

    public override object GetValue(ulong row) => GetText(row);

    public override string GetText(ulong row)
    {
        var member = Active(row);
        return member.IsNull(row) ? "NULL" : member.GetText(row);
    }

    // DuckDB casts a UNION to VARCHAR before nesting it, so its text is never quoted in a list.
    public override void AppendText(StringBuilder builder, ulong row) =>
        builder.Append(IsNull(row) ? "NULL" : GetText(row));
}

/// <summary>MAP: a list of (key, value) structs; read as DuckDB's text form {k=v, ...}.</summary>
internal sealed unsafe class MapReader(ColumnType type) : VectorReader(type)
{
    private readonly VectorReader _keys = VectorReaderFactory.Create(type.Child!.Fields[0].Type);
    private readonly VectorReader _values = VectorReaderFactory.Create(type.Child!.Fields[1].Type);

    protected override void BindChildren(IntPtr vector)
    {
        var entries = NativeMethods.ListVectorGetChild(vector);
        _keys.Bind(NativeMethods.StructVectorGetChild(entries, 0));
        _values.Bind(NativeMethods.StructVectorGetChild(entries, 1));
    }

    public override object GetValue(ulong row) => TextOf(row);

    public override void AppendText(StringBuilder builder, ulong row)
    {
        if (IsNull(row))
        {
            builder.Append("NULL");
            return;
        }

        var entry = ((DuckDbListEntry*)Data)[row];
        builder.Append('{');
        for (var i = 0UL; i < entry.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            _keys.AppendText(builder, entry.Offset + i);
            builder.Append('=');
            _values.AppendText(builder, entry.Offset + i);
        }

        builder.Append('}');
    }
}

/// <summary>Shared helpers for list-like readers.</summary>
internal static class NestedValues
{
    public static List<object?> ReadRange(VectorReader child, ulong offset, ulong length)
    {
        var values = new List<object?>((int)length);
        for (var i = offset; i < offset + length; i++)
        {
            values.Add(child.IsNull(i) ? null : child.GetValue(i));
        }

        return values;
    }

    public static string Text(VectorReader reader, ulong row)
    {
        var builder = new StringBuilder();
        reader.AppendText(builder, row);
        return builder.ToString();
    }

    public static void AppendRangeText(StringBuilder builder, VectorReader child, ulong offset, ulong length)
    {
        builder.Append('[');
        for (var i = offset; i < offset + length; i++)
        {
            if (i > offset)
            {
                builder.Append(", ");
            }

            child.AppendText(builder, i);
        }

        builder.Append(']');
    }
}
