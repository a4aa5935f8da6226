namespace Analytics.Metrics;

/// <summary>How a section's points enter the total.</summary>
public enum SectionKind
{
    /// <summary>Ordinary points counting towards the stated total.</summary>
    Standard,

    /// <summary>加分项: added on top, capped at <see cref="RubricSection.Cap"/>.</summary>
    Bonus,

    /// <summary>扣分项: subtracted, never more than <see cref="RubricSection.Cap"/>.</summary>
    Deduction,
}

/// <summary>A section (一级/二级指标) of a rubric with its items.</summary>
/// <param name="Maximum">Points the section contributes: its weight for weighted sections, the cap for bonus, 0 for deductions.</param>
/// <param name="Weight">When set, the section score is Weight × earned / sum of item maxima (rounded to 0.01).</param>
/// <param name="Cap">Bonus ceiling or deduction floor (as a positive number).</param>
public sealed record RubricSection(
    string Code,
    string Name,
    SectionKind Kind,
    decimal Maximum,
    decimal? Weight,
    decimal? Cap,
    IReadOnlyList<RubricItem> Items,
    string? Note)
{
    public bool IsWeighted => Weight is not null;
}
