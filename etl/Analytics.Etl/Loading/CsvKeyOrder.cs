using System.Runtime.CompilerServices;

namespace Analytics.Etl.Loading;

/// <summary>
/// Follows a CSV file's key column line by line (or one range of the file's lines): the ascending runs the keys form,
/// or that no proof of distinct keys is possible (a blank key, a short line, too many runs).
/// </summary>
internal sealed class CsvKeyOrder(int field, bool header)
{
    /// <summary>
    /// Extracts are usually written in key order, or in blocks of it (monthly payments, then the festival relief; or
    /// one block per 街镇). More runs than this and the file is taken for unordered (a shuffled file gets there within
    /// a few thousand lines): the proof gives up, leaving the check to SQL.
    /// </summary>
    public const int MaxRuns = 1024;

    private readonly List<(byte[] First, byte[] Last)> _runs = [];
    private byte[] _previous = new byte[64];
    private int _previousLength = -1;
    private byte[]? _runFirst;
    private bool _header = header;
    private bool _failed;

    // Called for every line of a file: compiled fully at once rather than after tiering.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> line)
    {
        if (_header)
        {
            _header = false;
            return;
        }

        if (_failed)
        {
            return;
        }

        var key = Field(line);
        if (key.IsEmpty)
        {
            // Blank, or a short line: the SQL checks say which.
            _failed = true;
            return;
        }

        if (_previousLength < 0)
        {
            _runFirst = key.ToArray();
        }
        else if (key.SequenceCompareTo(_previous.AsSpan(0, _previousLength)) <= 0)
        {
            _runs.Add((_runFirst!, _previous.AsSpan(0, _previousLength).ToArray()));
            if (_runs.Count >= MaxRuns)
            {
                _failed = true;
                return;
            }

            _runFirst = key.ToArray();
        }

        if (key.Length > _previous.Length)
        {
            _previous = new byte[Math.Max(key.Length, _previous.Length * 2)];
        }

        key.CopyTo(_previous);
        _previousLength = key.Length;
    }

    /// <summary>
    /// True when every key of every part was present and no two can be equal: within a run keys ascend strictly, and
    /// the runs of all parts, sorted by their first key, each start after the one before ends.
    /// </summary>
    public static bool Distinct(IEnumerable<CsvKeyOrder> parts)
    {
        var runs = new List<(byte[] First, byte[] Last)>();
        foreach (var part in parts)
        {
            if (part._failed)
            {
                return false;
            }

            runs.AddRange(part._runs);
            if (part._previousLength >= 0)
            {
                runs.Add((part._runFirst!, part._previous.AsSpan(0, part._previousLength).ToArray()));
            }
        }

        if (runs.Count > MaxRuns)
        {
            return false;
        }

        runs.Sort((x, y) => x.First.AsSpan().SequenceCompareTo(y.First));
        for (var i = 1; i < runs.Count; i++)
        {
            if (runs[i].First.AsSpan().SequenceCompareTo(runs[i - 1].Last) <= 0)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line)
    {
        for (var i = 0; i < field; i++)
        {
            var next = line.IndexOf(CsvFileScan.Delimiter);
            if (next < 0)
            {
                return default;
            }

            line = line[(next + 1)..];
        }

        var end = line.IndexOf(CsvFileScan.Delimiter);
        return end >= 0 ? line[..end] : line;
    }
}
