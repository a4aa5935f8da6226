using System.Globalization;
using System.Text;

namespace Analytics.DemoData.Writers;

/// <summary>Streams CSV rows into a large char buffer and encodes it in blocks; no per-row allocation.</summary>
public sealed class CsvRowWriter : IDisposable
{
    private const int BufferSize = 1 << 16;
    private readonly Stream _stream;
    private readonly Encoder _encoder;
    private readonly char[] _chars = new char[BufferSize];
    private readonly byte[] _bytes;
    private int _length;
    private bool _firstField = true;

    /// <summary>Opens <paramref name="path"/> for writing (creating folders); UTF-8 without BOM unless another encoding is given.</summary>
    public CsvRowWriter(string path, Encoding? encoding = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var enc = encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        _stream.Write(enc.GetPreamble());
        _encoder = enc.GetEncoder();
        _bytes = new byte[enc.GetMaxByteCount(BufferSize)];
    }

    /// <summary>Data rows written (the header is not counted).</summary>
    public long Rows { get; private set; }

    public void Header(IEnumerable<string> names)
    {
        foreach (var name in names) Field(name);
        EndLine();
    }

    /// <summary>A text field, quoted when it contains a comma, quote or line break.</summary>
    public void Field(string? value)
    {
        Separator();
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Append(value);
            return;
        }
        Append("\"");
        Append(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        Append("\"");
    }

    public void Field(long value)
    {
        Separator();
        Ensure(20);
        value.TryFormat(_chars.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Field(int value) => Field((long)value);

    public void Field(int? value)
    {
        if (value is { } v) Field((long)v);
        else Separator();
    }

    /// <summary>An amount given in cents, written with two decimals (e.g. 1420.00).</summary>
    public void Cents(long cents)
    {
        Separator();
        Ensure(24);
        var whole = cents / 100;
        whole.TryFormat(_chars.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        var fraction = (int)(cents % 100);
        _chars[_length++] = '.';
        _chars[_length++] = (char)('0' + fraction / 10);
        _chars[_length++] = (char)('0' + fraction % 10);
    }

    public void Field(decimal value)
    {
        Separator();
        Ensure(32);
        value.TryFormat(_chars.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Field(bool value) => Raw(value ? "true" : "false");

    public void Field(DateOnly? value)
    {
        Separator();
        if (value is not { } date) return;
        Ensure(10);
        var span = _chars.AsSpan(_length, 10);
        WriteDigits(span[..4], date.Year);
        span[4] = '-';
        WriteDigits(span.Slice(5, 2), date.Month);
        span[7] = '-';
        WriteDigits(span.Slice(8, 2), date.Day);
        _length += 10;
    }

    /// <summary>A field known to need no quoting (codes, precomputed dates).</summary>
    public void Raw(string value)
    {
        Separator();
        Append(value);
    }

    public void EndRow()
    {
        EndLine();
        Rows++;
    }

    public void Dispose()
    {
        Flush(final: true);
        _stream.Dispose();
    }

    private void EndLine()
    {
        Ensure(2);
        _chars[_length++] = '\n';
        _firstField = true;
    }

    private void Separator()
    {
        if (!_firstField)
        {
            Ensure(1);
            _chars[_length++] = ',';
        }
        _firstField = false;
    }

    private void Append(string value)
    {
        if (value.Length > BufferSize / 2)
        {
            foreach (var chunk in value.Chunk(BufferSize / 4)) Append(new string(chunk));
            return;
        }
        Ensure(value.Length);
        value.AsSpan().CopyTo(_chars.AsSpan(_length));
        _length += value.Length;
    }

    private void Ensure(int count)
    {
        if (_length + count > BufferSize) Flush(final: false);
    }

    private void Flush(bool final)
    {
        var byteCount = _encoder.GetBytes(_chars, 0, _length, _bytes, 0, final);
        _stream.Write(_bytes, 0, byteCount);
        _length = 0;
    }

    private static void WriteDigits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
