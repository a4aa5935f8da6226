using System.Buffers;
using System.Runtime.CompilerServices;

namespace Analytics.Etl.Loading;

/// <summary>
/// What one pass over a CSV extract's bytes shows without parsing it. <paramref name="DataRows"/>: its data rows,
/// counted by line breaks. <paramref name="HasEdgeSpaces"/>: some field (or the header) begins or ends with a space,
/// so values need trimming. <paramref name="KeysDistinct"/>: the key column is never blank and its values are
/// proven distinct (they ascend within at most <see cref="CsvKeyOrder.MaxRuns"/> runs whose ranges do not overlap).
/// </summary>
/// <paramref name="HasControlBytes"/>: some byte is a control character other than a line break or tab (a NUL in an id),
/// which only the staged path can quarantine with its field.
internal sealed record CsvFileFacts(long DataRows, bool HasEdgeSpaces, bool KeysDistinct, bool HasControlBytes = false);

/// <summary>
/// Reads a CSV extract once as bytes, at the speed of the disk cache and far faster than a second read_csv pass, for the
/// facts the fast path needs before and after its insert. Returns null when
/// the file holds a quote character: a quoted field may hold a delimiter or a line break, and only a parser can tell.
/// </summary>
internal static class CsvFileScan
{
    /// <summary>Takes one line of the file, without its line break.</summary>
    private delegate void LineAction(ReadOnlySpan<byte> line);

    private const int BlockSize = 1 << 20;
    /// <summary>The extracts' field delimiter (the strict read names the same one).</summary>
    public const byte Delimiter = (byte)',';

    // Below this size one thread is quicker than several.
    private const long ParallelFrom = 32L << 20;

    /// <param name="path">The file.</param>
    /// <param name="keyField">Position of the key column in the header, or null when no key proof is wanted.</param>
    public static CsvFileFacts? Scan(string path, int? keyField)
    {
        // Ranges that each begin at a line start are read at once, one per core (DuckDB waits for the answer).
        var ranges = Split(path);
        var parts = new RangeFacts[ranges.Count];
        Parallel.For(0, ranges.Count, i => parts[i] = ScanRange(path, ranges[i], header: i == 0, keyField));
        if (parts.Any(p => p.HasQuote))
        {
            return null;
        }

        var last = parts[^1].LastByte;
        // A last line without its line break still counts; the header is not a data row.
        var dataRows = parts.Sum(p => p.LineBreaks) + (last == '\n' ? 0 : 1) - 1;
        var distinct = keyField is not null && CsvKeyOrder.Distinct(parts.Select(p => p.Keys!));
        return new CsvFileFacts(dataRows, parts.Any(p => p.EdgeSpaces) || last == ' ', distinct, parts.Any(p => p.ControlBytes));
    }

    /// <summary>What one range of the file shows; <see cref="LastByte"/> is a line break for an empty range.</summary>
    private sealed record RangeFacts(bool HasQuote, long LineBreaks, bool EdgeSpaces, byte LastByte, CsvKeyOrder? Keys, bool ControlBytes = false);

    // Control characters a field may not hold; CR and LF end lines, a tab may sit in text. Searched vectorised, once per block.
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(b => b is not ('\n' or '\r' or '\t')).Select(b => (byte)b), 0x7F]);

    private static List<(long Start, long End)> Split(string path)
    {
        var length = new FileInfo(path).Length;
        var count = length < ParallelFrom ? 1 : Math.Clamp(Environment.ProcessorCount, 1, 4);
        var ranges = new List<(long Start, long End)>();
        if (count == 1)
        {
            ranges.Add((0, length));
            return ranges;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var probe = new byte[1 << 16];
        long start = 0;
        for (var i = 1; i < count; i++)
        {
            // The next range starts after the first line break past its share; a line longer than the probe ends the split.
            stream.Position = Math.Max(start, length * i / count);
            var read = stream.ReadAtLeast(probe, probe.Length, throwOnEndOfStream: false);
            var lineBreak = probe.AsSpan(0, read).IndexOf((byte)'\n');
            if (lineBreak < 0)
            {
                break;
            }

            var end = stream.Position - read + lineBreak + 1;
            ranges.Add((start, end));
            start = end;
        }

        ranges.Add((start, length));
        return ranges;
    }

    private static RangeFacts ScanRange(string path, (long Start, long End) range, bool header, int? keyField)
    {
        var block = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            stream.Position = range.Start;
            var keys = keyField is { } field ? new CsvKeyOrder(field, header) : null;
            var lines = keys is null ? null : new LineAssembler();
            long lineBreaks = 0;
            var edgeSpaces = false;
            var controls = false;
            // A range starts at a line start: a space there begins a field.
            var previous = (byte)'\n';
            var remaining = range.End - range.Start;
            int read;
            while (remaining > 0 && (read = stream.Read(block, 0, (int)Math.Min(BlockSize, remaining))) > 0)
            {
                remaining -= read;
                var span = block.AsSpan(0, read);
                if (span.Contains((byte)'"'))
                {
                    return new RangeFacts(true, 0, false, previous, null);
                }

                edgeSpaces = edgeSpaces || HasEdgeSpace(previous, span);
                controls = controls || span.ContainsAny(ControlBytes);
                previous = span[^1];
                lineBreaks += lines is null ? span.Count((byte)'\n') : lines.Feed(span, keys!.Add);
            }

            lines?.Finish(keys!.Add);
            return new RangeFacts(false, lineBreaks, edgeSpaces, previous, keys, controls);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    // A space next to a delimiter or a line break begins or ends a field. Spaces are rare in extracts, so finding each
    // one is cheaper than searching for every pair.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool HasEdgeSpace(byte previous, ReadOnlySpan<byte> span)
    {
        if (previous == ' ' && IsFieldEdge(span[0]))
        {
            return true;
        }

        var offset = 0;
        int found;
        while ((found = span[offset..].IndexOf((byte)' ')) >= 0)
        {
            var at = offset + found;
            var before = at > 0 ? span[at - 1] : previous;
            // A space that ends the block is judged with the next block's first byte.
            if (IsFieldEdge(before) || (at + 1 < span.Length && IsFieldEdge(span[at + 1])))
            {
                return true;
            }

            offset = at + 1;
        }

        return false;
    }

    private static bool IsFieldEdge(byte b) => b is Delimiter or (byte)'\n' or (byte)'\r';

    /// <summary>Cuts blocks into whole lines (without the line break or a CR before it); a line may span blocks.</summary>
    private sealed class LineAssembler
    {
        private byte[] _carry = new byte[256];
        private int _carried;

        /// <summary>Hands every line the block completes to <paramref name="line"/>; returns the line breaks seen.</summary>
        // Runs over every line of gigabytes: compiled fully at once rather than after tiering (the first files of a load
        // were scanned at half speed).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public long Feed(ReadOnlySpan<byte> block, LineAction line)
        {
            long breaks = 0;
            int end;
            while ((end = block.IndexOf((byte)'\n')) >= 0)
            {
                breaks++;
                if (_carried > 0)
                {
                    Carry(block[..end]);
                    line(WithoutCr(_carry.AsSpan(0, _carried)));
                    _carried = 0;
                }
                else
                {
                    line(WithoutCr(block[..end]));
                }

                block = block[(end + 1)..];
            }

            Carry(block);
            return breaks;
        }

        /// <summary>The last line, when the file does not end with a line break.</summary>
        public void Finish(LineAction line)
        {
            if (_carried > 0)
            {
                line(WithoutCr(_carry.AsSpan(0, _carried)));
                _carried = 0;
            }
        }

        private void Carry(ReadOnlySpan<byte> part)
        {
            if (_carried + part.Length > _carry.Length)
            {
                Array.Resize(ref _carry, Math.Max(_carry.Length * 2, _carried + part.Length));
            }

            part.CopyTo(_carry.AsSpan(_carried));
            _carried += part.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ReadOnlySpan<byte> WithoutCr(ReadOnlySpan<byte> line) => line is [.. var rest, (byte)'\r'] ? rest : line;
    }

}
