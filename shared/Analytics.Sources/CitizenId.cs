using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Analytics.Sources;

/// <summary>An 18-character resident identity number (身份证号) per GB 11643-1999, check digit ISO 7064 MOD 11-2.</summary>
public readonly record struct CitizenId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private CitizenId(string value) => Value = value;

    /// <summary>The 18 characters, the check character upper-case.</summary>
    public string Value { get; }

    /// <summary>The 6-digit administrative region code of the place of first registration.</summary>
    public string RegionCode => Value[..6];

    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The 3-digit sequence; odd for men, even for women.</summary>
    public int Sequence => int.Parse(Value.AsSpan(14, 3), CultureInfo.InvariantCulture);

    public bool IsMale => Sequence % 2 == 1;

    public override string ToString() => Value;

    /// <summary>The check character for the first 17 digits.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要 17 位本体码", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = first17[i] - '0';
            if (digit is < 0 or > 9) throw new ArgumentException("本体码只能是数字", nameof(first17));
            sum += digit * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>True when the text is a well-formed id: 17 digits, a real birth date, and the right check character.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) => TryParse(text, out _);

    public static bool TryParse([NotNullWhen(true)] string? text, out CitizenId id)
    {
        id = default;
        if (text is null || !IsWellFormed(text))
        {
            return false;
        }

        id = new CitizenId(string.Concat(text.AsSpan(0, 17), [char.ToUpperInvariant(text[17])]));
        return true;
    }

    /// <summary>The same test on UTF-8 bytes, without allocating: what the loader's SQL function calls for every row.</summary>
    public static bool IsValid(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length != 18)
        {
            return false;
        }

        Span<char> chars = stackalloc char[18];
        for (var i = 0; i < 18; i++)
        {
            chars[i] = (char)utf8[i]; // non-ASCII bytes become characters that fail the digit tests below
        }

        return IsWellFormed(chars);
    }

    private static bool IsWellFormed(ReadOnlySpan<char> span)
    {
        if (span.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var digit = span[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            sum += digit * Weights[i];
        }

        return IsBirthDate(span.Slice(6, 8)) && char.ToUpperInvariant(span[17]) == CheckCharacters[sum % 11];
    }

    // yyyyMMdd of digits (checked by the caller): a real calendar day, not before 1880.
    private static bool IsBirthDate(ReadOnlySpan<char> digits)
    {
        static int Number(ReadOnlySpan<char> d)
        {
            var n = 0;
            foreach (var c in d)
            {
                n = n * 10 + (c - '0');
            }

            return n;
        }

        var (year, month, day) = (Number(digits[..4]), Number(digits.Slice(4, 2)), Number(digits.Slice(6, 2)));
        return year >= 1880 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    public static CitizenId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"身份证号“{text}”格式或校验位不正确");

    /// <summary>Builds a valid id from its parts: region code, birth date, sequence (1–999), then the check character.</summary>
    public static CitizenId Create(string regionCode, DateOnly birthDate, int sequence)
    {
        if (regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit)) throw new ArgumentException("地区码应为 6 位数字", nameof(regionCode));
        if (sequence is < 1 or > 999) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "顺序码应为 1–999");
        Span<char> chars = stackalloc char[18];
        regionCode.AsSpan().CopyTo(chars);
        birthDate.TryFormat(chars.Slice(6, 8), out _, "yyyyMMdd", CultureInfo.InvariantCulture);
        sequence.TryFormat(chars.Slice(14, 3), out _, "D3", CultureInfo.InvariantCulture);
        chars[17] = ComputeCheckCharacter(chars[..17]);
        return new CitizenId(new string(chars));
    }
}
