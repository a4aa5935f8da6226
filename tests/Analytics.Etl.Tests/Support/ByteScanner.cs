using System.Text;

namespace Analytics.Etl.Tests.Support;

/// <summary>
/// Finds which of many short strings occur, as UTF-8 bytes, anywhere in a file. The file is read as
/// Latin-1 (one char per byte) so a span lookup in a hash set can test every position cheaply.
/// </summary>
public sealed class ByteScanner
{
    private readonly HashSet<string> _patterns = [];
    private readonly int[] _lengths;

    public ByteScanner(IEnumerable<string> values)
    {
        foreach (var value in values.Where(v => !string.IsNullOrEmpty(v)))
        {
            _patterns.Add(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(value)));
        }

        _lengths = _patterns.Select(p => p.Length).Distinct().Order().ToArray();
    }

    public int Count => _patterns.Count;

    /// <summary>The values found in the file (decoded back to text), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> FindIn(string path, int limit = 20)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(path));
        var lookup = _patterns.GetAlternateLookup<ReadOnlySpan<char>>();
        var found = new List<string>();
        for (var i = 0; i < text.Length && found.Count < limit; i++)
        {
            // Names start with a CJK lead byte (E0–EF), 身份证号 with a digit: skip every other position.
            var c = text[i];
            if (c is not ((>= '\u00E0' and <= '\u00EF') or (>= '0' and <= '9')))
            {
                continue;
            }

            foreach (var length in _lengths)
            {
                if (i + length <= text.Length && lookup.TryGetValue(text.AsSpan(i, length), out var hit))
                {
                    found.Add(Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(hit)));
                }
            }
        }

        return found;
    }
}
