using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;

namespace Analytics.Cli.Output;

/// <summary>Writes a data reader as a terminal table, RFC 4180 CSV or a JSON array of objects.</summary>
internal static class ResultWriter
{
    public static void Write(DbDataReader reader, string format, TextWriter output)
    {
        switch (format)
        {
            case "csv":
                WriteCsv(reader, output);
                break;
            case "json":
                WriteJson(reader, output);
                break;
            default:
                WriteTable(reader);
                break;
        }
    }

    public static string FormatValue(object value) => value switch
    {
        DBNull => string.Empty,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        System.Collections.IEnumerable list and not string => "[" + string.Join(", ", list.Cast<object?>().Select(v => v is null ? "NULL" : FormatValue(v))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void WriteTable(DbDataReader reader)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            table.AddColumn(new TableColumn(Markup.Escape(reader.GetName(i))));
        }

        var rows = 0;
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "NULL" : Markup.Escape(FormatValue(reader.GetValue(i)));
            }

            table.AddRow(cells);
            rows++;
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]{rows} 行 (rows)[/]");
    }

    private static void WriteCsv(DbDataReader reader, TextWriter output)
    {
        var line = new StringBuilder();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            AppendCsvField(line, reader.GetName(i), i);
        }

        output.WriteLine(line);
        while (reader.Read())
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                AppendCsvField(line, FormatValue(reader.GetValue(i)), i);
            }

            output.WriteLine(line);
        }
    }

    private static void AppendCsvField(StringBuilder line, string value, int index)
    {
        if (index > 0)
        {
            line.Append(',');
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value);
        }
    }

    private static void WriteJson(DbDataReader reader, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            while (reader.Read())
            {
                json.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    json.WritePropertyName(reader.GetName(i));
                    WriteJsonValue(json, reader.GetValue(i));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case DBNull: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case sbyte or byte or short or ushort or int or uint or long:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumberValue(u); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case decimal m: json.WriteNumberValue(m); break;
            case System.Collections.IEnumerable list and not string and not byte[]:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJsonValue(json, item ?? DBNull.Value);
                }

                json.WriteEndArray();
                break;
            default: json.WriteStringValue(FormatValue(value)); break;
        }
    }
}
