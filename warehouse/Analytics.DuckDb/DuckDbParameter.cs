using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Analytics.DuckDb;

/// <summary>
/// A value for a <c>$1</c> or <c>$name</c> placeholder. The name may be written with or without
/// its prefix (<c>$</c>, <c>@</c> or <c>:</c>); unnamed parameters fill $1, $2, ... in order.
/// </summary>
public sealed class DuckDbParameter : DbParameter
{
    private string _name = string.Empty;

    public DuckDbParameter()
    {
    }

    public DuckDbParameter(object? value)
    {
        Value = value;
    }

    public DuckDbParameter(string name, object? value)
    {
        ParameterName = name;
        Value = value;
    }

    public override DbType DbType { get; set; } = DbType.Object;
    public override ParameterDirection Direction { get; set; } = ParameterDirection.Input;
    public override bool IsNullable { get; set; } = true;

    [AllowNull]
    public override string ParameterName
    {
        get => _name;
        set => _name = value ?? string.Empty;
    }

    [AllowNull]
    public override string SourceColumn { get; set; } = string.Empty;
    public override object? Value { get; set; }
    public override bool SourceColumnNullMapping { get; set; }
    public override int Size { get; set; }

    /// <summary>The name without its placeholder prefix, as DuckDB reports it.</summary>
    internal string BareName => _name.TrimStart('$', '@', ':');

    public override void ResetDbType() => DbType = DbType.Object;
}
