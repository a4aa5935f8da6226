using System.Globalization;
using Analytics.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Disclosure;

/// <summary>Why a public cell shows no number.</summary>
public enum CellState
{
    Shown,

    /// <summary>Primary suppression: a count from 1 to threshold − 1, shown as "&lt;10".</summary>
    BelowThreshold,

    /// <summary>Secondary suppression: hidden so that a primary-suppressed cell cannot be worked out from a total.</summary>
    Complementary,
}

/// <summary>One public number after disclosure control: <see cref="Value"/> is null whenever the cell is hidden.</summary>
public sealed record DisclosedValue(long? Value, string Display, CellState State)
{
    public bool IsHidden => State != CellState.Shown;
}

/// <summary>An additive relation between cells: <c>values[Total] = Σ values[Parts]</c> (a district and its 街镇, the city and its districts).</summary>
public sealed record AdditiveRelation(int Total, IReadOnlyList<int> Parts);

/// <summary>
/// The one place where public numbers are suppressed; the public pages and the open-data API both go through it.
/// Primary: a count from 1 to threshold − 1 is hidden and shown as "&lt;10" (zero may be shown).
/// Secondary ("×"): chosen by <see cref="SecondarySuppression"/> until the exact check of everything published
/// together (<see cref="DisclosureCheck"/>) leaves every hidden cell its protection. Percentages that involve a
/// hidden cell are hidden.
/// </summary>
public sealed class SuppressionPolicy
{
    public const string ComplementaryMark = "×";
    public const string NotAvailableMark = "—";

    /// <summary>
    /// How the per-capita rate of a hidden count is shown: words, not the count's mark, since "&lt;10" beside 人/万人 reads
    /// as a rate below 10 and "—" already means "no population".
    /// </summary>
    public const string WithheldRateMark = "不公布";

    public SuppressionPolicy(IOptions<AnalyticsOptions> options)
        : this(options.Value.SuppressionThreshold)
    {
    }

    public SuppressionPolicy(int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        Threshold = threshold;
    }

    public int Threshold { get; }

    /// <summary>How a primary-suppressed count is shown, e.g. "&lt;10".</summary>
    public string BelowThresholdMark => string.Create(CultureInfo.InvariantCulture, $"<{Threshold}");

    public bool IsBelowThreshold(long value) => value > 0 && value < Threshold;

    /// <summary>
    /// The least width an attacker's interval of a "×" cell must keep: that of the "&lt;10" band (1 to threshold − 1),
    /// so that a hidden large count is known no better than a hidden small one.
    /// </summary>
    public long ComplementaryWidth => Math.Max(1, Threshold - 2);

    /// <summary>Applies primary and secondary suppression to a set of counts linked by additive relations.</summary>
    public CellState[] Suppress(IReadOnlyList<long> values, IReadOnlyList<AdditiveRelation> relations)
    {
        var states = values.Select(v => IsBelowThreshold(v) ? CellState.BelowThreshold : CellState.Shown).ToArray();
        new SecondarySuppression(this).Apply(values, relations, states);
        return states;
    }

    /// <summary>
    /// What a mark tells everyone: "&lt;10" is 1 to threshold − 1; "×" is at least the threshold, since only shown
    /// non-zero counts are ever hidden as complements.
    /// </summary>
    public UnknownCell Prior(CellState state) => state switch
    {
        CellState.BelowThreshold => new UnknownCell(1, Threshold - 1),
        CellState.Complementary => new UnknownCell(Threshold, null),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "a shown cell is no unknown"),
    };

    public DisclosedValue Disclose(long value, CellState state) => state switch
    {
        CellState.Shown => new DisclosedValue(value, value.ToString("N0", CultureInfo.InvariantCulture), state),
        CellState.BelowThreshold => new DisclosedValue(null, BelowThresholdMark, state),
        _ => new DisclosedValue(null, ComplementaryMark, state),
    };

    /// <summary>Change in percent from <paramref name="previous"/> to <paramref name="current"/> (同比), or null when either is hidden or missing.</summary>
    public decimal? PercentChange(DisclosedValue? current, DisclosedValue? previous)
    {
        if (current?.Value is not { } now || previous?.Value is not { } before || before == 0)
        {
            return null;
        }

        return Math.Round((now - before) * 100m / before, 1);
    }

    /// <summary>A share in percent, or null when either number is hidden or the denominator is zero.</summary>
    public decimal? Percent(DisclosedValue? part, DisclosedValue? whole)
    {
        if (part?.Value is not { } p || whole?.Value is not { } w || w == 0)
        {
            return null;
        }

        return Math.Round(p * 100m / w, 1);
    }

    public static string FormatPercent(decimal? percent) =>
        percent is { } p ? p.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : NotAvailableMark;
}
