namespace Analytics.Metrics.Rules;

/// <summary>
/// The quantity a rule compares: either a plain value (role "value") or a percentage rate built from
/// roles "numerator"/"denominator". Rates stay as a fraction so comparisons are exact cross-multiplications.
/// </summary>
internal sealed class RateSource
{
    private RateSource(bool isRate) => IsRate = isRate;

    public bool IsRate { get; }

    public static RateSource? From(RuleSpec spec)
    {
        if (spec.HasRole("value"))
        {
            return new RateSource(false);
        }

        if (spec.HasRole("numerator") || spec.HasRole("denominator"))
        {
            return spec.RequireRoles("numerator", "denominator") ? new RateSource(true) : null;
        }

        spec.Error("需要输入角色 value，或 numerator 与 denominator (needs input role 'value' or 'numerator' + 'denominator')");
        return null;
    }

    public string[] Roles => IsRate ? ["numerator", "denominator"] : ["value"];

    /// <summary>Current quantity as (numerator, denominator, scale): quantity = numerator × scale / denominator.</summary>
    public Fraction? Current(RuleContext c) => IsRate
        ? c.Count("numerator") is { } n && c.Count("denominator") is { } d ? new Fraction(n, d, 100m) : null
        : c.Value("value") is { } v ? new Fraction(v, 1m, 1m) : null;

    public Fraction? Previous(RuleContext c) => IsRate
        ? c.PreviousCount("numerator") is { } n && c.PreviousCount("denominator") is { } d ? new Fraction(n, d, 100m) : null
        : c.Previous("value") is { } v ? new Fraction(v, 1m, 1m) : null;

    public string Text(Fraction f, RuleContext c) => IsRate
        ? $"{Fmt.Pct(f.Numerator, f.Denominator)}（{Fmt.Num(f.Numerator)}/{Fmt.Num(f.Denominator)}）"
        : $"{Fmt.Num(f.Numerator)}{c.Unit("value")}";

    public string Threshold(decimal value, RuleContext c) => IsRate ? Fmt.Pct(value) : $"{Fmt.Num(value)}{c.Unit("value")}";
}

/// <summary>A quantity kept as a fraction: Numerator × Scale / Denominator.</summary>
internal readonly record struct Fraction(decimal Numerator, decimal Denominator, decimal Scale)
{
    public bool IsUndefined => Denominator == 0m;

    /// <summary>Exact sign of (this − threshold), without dividing.</summary>
    public int CompareTo(decimal threshold) => (Numerator * Scale).CompareTo(threshold * Denominator);

    /// <summary>Exact sign of (this − other) by cross-multiplication.</summary>
    public int CompareTo(Fraction other) =>
        (Numerator * Scale * other.Denominator).CompareTo(other.Numerator * other.Scale * Denominator);

    public decimal Approximate => Numerator * Scale / Denominator;
}

/// <summary>Comparison operators of threshold rules, with their Chinese wording.</summary>
internal static class Comparison
{
    public static readonly string[] Operators = [">", ">=", "<", "<=", "=="];

    public static bool Holds(string op, int sign) => op switch
    {
        ">" => sign > 0,
        ">=" => sign >= 0,
        "<" => sign < 0,
        "<=" => sign <= 0,
        _ => sign == 0,
    };

    public static string Symbol(string op) => op switch
    {
        ">" => ">",
        ">=" => "≥",
        "<" => "<",
        "<=" => "≤",
        _ => "=",
    };

    public static string Words(string op) => op switch
    {
        ">" => "高于",
        ">=" => "不低于",
        "<" => "低于",
        "<=" => "不超过",
        _ => "等于",
    };

    /// <summary>The words for a value that misses the comparison: "低于" where "不低于" was required.</summary>
    public static string Negation(string op) => op switch
    {
        ">" => "不高于",
        ">=" => "低于",
        "<" => "不低于",
        "<=" => "超过",
        _ => "不等于",
    };
}
