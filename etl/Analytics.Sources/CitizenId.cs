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
        if (text is null || text.Length != 18) return false;
        var span = text.AsSpan();
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(span[i])) return false;
        }
        if (!DateOnly.TryParseExact(span.Slice(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1880)
        {
            return false;
        }
        var check = char.ToUpperInvariant(span[17]);
        if (check != ComputeCheckCharacter(span[..17])) return false;
        id = new CitizenId(string.Concat(span[..17], [check]));
        return true;
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
