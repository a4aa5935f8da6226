using System.Buffers;

namespace Analytics.Etl.Loading;

/// <summary>
/// Counts the data rows of a CSV extract by its line breaks, without parsing it (a tenth of a second for a
/// 300 MB file, where a second read_csv pass took seconds). Null when the file holds a quote character: a
/// quoted field may contain a line break, and then only a parser can count.
/// </summary>
internal static class CsvRowCount
{
    private const int BufferSize = 1 << 20;

    public static long? Count(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long lineBreaks = 0;
            var last = (byte)'\n';
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                if (span.Contains((byte)'"'))
                {
                    return null;
                }

                lineBreaks += span.Count((byte)'\n');
                last = span[^1];
            }

            // A last line without its line break still counts; the header is not a data row.
            var lines = lineBreaks + (last == '\n' ? 0 : 1);
            return lines - 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
