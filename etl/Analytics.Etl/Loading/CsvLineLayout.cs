using System.Buffers;
using Analytics.Etl.Extraction;

namespace Analytics.Etl.Loading;

/// <summary>
/// The lines of a CSV file as a reader would stumble on them, line numbers counted from 1 over the whole file (the header
/// is line 1): the line whose quote is still open at the end, the first line longer than the limit, and the first line
/// that ends differently (CRLF against LF) from the first. Read only after DuckDB failed on the file.
/// </summary>
internal sealed record CsvLineLayout(long? OpenQuoteLine, long? LongLine, long LongLineBytes, string? FirstEnding, long? OtherEndingLine, string? OtherEnding)
{
    private const int BlockSize = 1 << 20;

    public static CsvLineLayout Read(string path, long maxLineBytes)
    {
        var block = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            long line = 1, lineBytes = 0, quoteOpenedOn = 0;
            long? longLine = null, otherLine = null;
            long longBytes = 0;
            string? first = null, other = null;
            var inQuote = false;
            var previous = (byte)0;
            int read;
            while ((read = stream.Read(block, 0, BlockSize)) > 0)
            {
                foreach (var b in block.AsSpan(0, read))
                {
                    if (b == (byte)'"')
                    {
                        inQuote = !inQuote;
                        quoteOpenedOn = inQuote ? line : quoteOpenedOn;
                    }

                    if (b != (byte)'\n')
                    {
                        lineBytes++;
                        previous = b;
                        continue;
                    }

                    var crlf = previous == (byte)'\r';
                    var length = crlf ? lineBytes - 1 : lineBytes;
                    if (longLine is null && length > maxLineBytes)
                    {
                        (longLine, longBytes) = (line, length);
                    }

                    if (!inQuote)
                    {
                        var ending = crlf ? "\r\n" : "\n";
                        first ??= ending;
                        if (otherLine is null && ending != first)
                        {
                            (otherLine, other) = (line, ending);
                        }
                    }

                    line++;
                    lineBytes = 0;
                    previous = b;
                }
            }

            if (longLine is null && lineBytes > maxLineBytes)
            {
                (longLine, longBytes) = (line, lineBytes);
            }

            return new CsvLineLayout(inQuote ? quoteOpenedOn : null, longLine, longBytes, first, otherLine, other);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>For each wanted line (numbered from 1), the file offset (from 0) of its first byte that is not valid UTF-8.</summary>
    public static Dictionary<long, long> InvalidUtf8Offsets(string path, IReadOnlySet<long> lines)
    {
        var offsets = new Dictionary<long, long>();
        var text = File.ReadAllBytes(path).AsSpan();
        long line = 1, start = 0;
        while (offsets.Count < lines.Count && start <= text.Length)
        {
            var rest = text[(int)start..];
            var end = rest.IndexOf((byte)'\n');
            var content = end < 0 ? rest : rest[..end];
            if (lines.Contains(line) && TextDecoding.FirstInvalidUtf8(content) is var at && at >= 0)
            {
                offsets[line] = start + at;
            }

            if (end < 0)
            {
                break;
            }

            start += end + 1;
            line++;
        }

        return offsets;
    }
}
