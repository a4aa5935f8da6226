namespace Analytics.Metrics;

/// <summary>What a rubric scores: each 街镇 (ranked) or the district as a whole (a target tracker, never a 街镇 ranking).</summary>
public enum AssessmentUnit
{
    Town,
    District,
}

/// <summary>One district-year evaluation scheme (考核指标体系 / 评估方案), loaded from a versioned YAML file.</summary>
/// <param name="Unit">What is scored: 街镇 (<c>unit: town</c>) or the district (<c>unit: district</c>).</param>
public sealed record Rubric(
    string Id,
    string Title,
    District District,
    AssessmentUnit Unit,
    int Year,
    string Version,
    string Source,
    string FileName,
    decimal Total,
    GradeThresholds Grades,
    IReadOnlyList<RubricSection> Sections,
    IReadOnlyList<RubricVeto> Vetoes,
    IReadOnlyList<InputDefinition> Inputs,
    string? Note)
{
    /// <summary>The source of every number above: a quote from the notice or this system's stated choice.</summary>
    public RubricProvenance Provenance { get; init; } = RubricProvenance.Empty;

    /// <summary>Every item of every section, in document order.</summary>
    public IEnumerable<RubricItem> Items => Sections.SelectMany(s => s.Items);

    /// <summary>Whether 街镇 are scored and ranked; a district rubric shows them only as contributions.</summary>
    public bool RanksTowns => Unit == AssessmentUnit.Town;

    /// <summary>Whether nothing is assessed before the year's end (every item 年度考).</summary>
    public bool IsAnnual => Items.All(i => i.Frequency == Frequency.Annual);

    public RubricItem? FindItem(string code) => Items.FirstOrDefault(i => i.Code == code);

    public InputDefinition? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);
}

/// <summary>A district (区), identified by its 6-digit administrative code.</summary>
public sealed record District(string Name, string Code);

/// <summary>
/// A quantity a rubric reads for a town and period, declared once per rubric: measured by the ETL, or, with
/// <see cref="Source"/> <c>findings</c>, the cases the bureau recorded in its 督查发现台账.
/// </summary>
public sealed record InputDefinition(string Name, string Unit, string Meaning, string? Source = null)
{
    public const string FindingsSource = "findings";

    public bool IsFinding => Source == FindingsSource;
}

/// <summary>A veto (一票否决): any positive count of the input sets the grade to 不合格.</summary>
public sealed record RubricVeto(string Code, string Name, string Input, string? Note);
