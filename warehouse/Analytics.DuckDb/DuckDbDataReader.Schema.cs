using System.Data;
using System.Data.Common;
using Analytics.DuckDb.Native;

namespace Analytics.DuckDb;

public sealed partial class DuckDbDataReader
{
    /// <summary>The standard ADO.NET schema table: one row per result column.</summary>
    public override DataTable GetSchemaTable()
    {
        var table = new DataTable("SchemaTable");
        table.Columns.Add(SchemaTableColumn.ColumnName, typeof(string));
        table.Columns.Add(SchemaTableColumn.ColumnOrdinal, typeof(int));
        table.Columns.Add(SchemaTableColumn.ColumnSize, typeof(int));
        table.Columns.Add(SchemaTableColumn.NumericPrecision, typeof(short));
        table.Columns.Add(SchemaTableColumn.NumericScale, typeof(short));
        table.Columns.Add(SchemaTableColumn.DataType, typeof(Type));
        table.Columns.Add(SchemaTableColumn.ProviderType, typeof(int));
        table.Columns.Add(SchemaTableColumn.AllowDBNull, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsKey, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsUnique, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsLong, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsAliased, typeof(bool));
        table.Columns.Add(SchemaTableColumn.IsExpression, typeof(bool));
        table.Columns.Add(SchemaTableColumn.BaseColumnName, typeof(string));
        table.Columns.Add(SchemaTableColumn.BaseTableName, typeof(string));
        table.Columns.Add(SchemaTableColumn.BaseSchemaName, typeof(string));
        table.Columns.Add("DataTypeName", typeof(string));

        for (var i = 0; i < FieldCount; i++)
        {
            var type = _types[i];
            var isDecimal = type.Id == DuckDbTypeId.Decimal;
            table.Rows.Add(
                _names[i], i, -1,
                isDecimal ? (short)type.DecimalWidth : DBNull.Value,
                isDecimal ? (short)type.DecimalScale : DBNull.Value,
                type.ClrType, (int)type.Id, true, false, false,
                type.Id is DuckDbTypeId.Varchar or DuckDbTypeId.Blob,
                false, false, _names[i], DBNull.Value, DBNull.Value,
                type.SqlName);
        }

        return table;
    }
}
