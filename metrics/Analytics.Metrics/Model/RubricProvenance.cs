namespace Analytics.Metrics;

/// <summary>Whether a rubric number is the notice's own or one this system chose.</summary>
public enum ProvenanceKind
{
    /// <summary>The notice states it; <see cref="ProvenanceEntry.Text"/> quotes the notice verbatim.</summary>
    Seed,

    /// <summary>本系统设定: the notice is silent; <see cref="ProvenanceEntry.Text"/> gives the reason for the choice.</summary>
    Assumption,
}

/// <summary>One entry of a rubric's provenance block.</summary>
/// <param name="Key">A number's path (items.S3.6b.params.value), a prefix of paths (items.S3.6b) or a pattern with * (items.*.max).</param>
/// <param name="Note">For a seed entry: how the quoted words are read, where the reading is not literal.</param>
public sealed record ProvenanceEntry(string Key, ProvenanceKind Kind, string Text, string? Note)
{
    public bool IsAssumption => Kind == ProvenanceKind.Assumption;
}

/// <summary>One number of a rubric with the entry that gives its source.</summary>
/// <param name="Path">total, grades.pass, sections.S3.weight, items.C6.3a.params.step …</param>
/// <param name="Owner">The section or item code the number belongs to; null for rubric-level numbers.</param>
/// <param name="Label">What the number is, in Chinese (满分、权重、每例扣分 …).</param>
/// <param name="Value">The number as written in the rubric.</param>
public sealed record SourcedNumber(string Path, string? Owner, string Label, string Value, ProvenanceEntry Source);

/// <summary>Where every number of a rubric comes from: the notice's words or this system's choice.</summary>
public sealed record RubricProvenance(IReadOnlyList<ProvenanceEntry> Entries, IReadOnlyList<SourcedNumber> Numbers)
{
    public static RubricProvenance Empty { get; } = new([], []);

    /// <summary>Numbers of the rubric itself (total, grade bands).</summary>
    public IEnumerable<SourcedNumber> RubricNumbers => Numbers.Where(n => n.Owner is null);

    public IEnumerable<SourcedNumber> SectionNumbers(string code) => Numbers.Where(n => n.Owner == code && n.Path.StartsWith("sections.", StringComparison.Ordinal));

    public IEnumerable<SourcedNumber> ItemNumbers(string code) => Numbers.Where(n => n.Owner == code && n.Path.StartsWith("items.", StringComparison.Ordinal));

    /// <summary>Whether a score on this item rests on a number this system chose.</summary>
    public bool ItemRestsOnAssumption(string code) => ItemNumbers(code).Any(n => n.Source.IsAssumption);

    /// <summary>The footnote mark, placed beside each figure that rests on a number this system chose.</summary>
    public const string Mark = "*";

    /// <summary>The mark for totals and grades: they rest on every number of the rubric.</summary>
    public string ScoreMark => HasAssumptions ? Mark : "";

    public string ItemMark(string code) => ItemRestsOnAssumption(code) ? Mark : "";

    public bool HasAssumptions => Numbers.Any(n => n.Source.IsAssumption);

    /// <summary>
    /// The kinds of numbers this system chose, in a fixed order, each prefixed 部分 when the notice gives the others of
    /// its kind (长宁's bonus items): 等级线、分区分值、加扣分上限、逐项分值、评分参数. The total is left out: the
    /// loader checks it is the sum of the section maxima.
    /// </summary>
    public IReadOnlyList<string> AssumedKinds =>
        Numbers.Where(n => KindOf(n.Path) is not null)
            .GroupBy(n => KindOf(n.Path)!)
            .Where(g => g.Any(n => n.Source.IsAssumption))
            .OrderBy(g => Array.IndexOf(KindOrder, g.Key))
            .Select(g => g.All(n => n.Source.IsAssumption) ? g.Key : "部分" + g.Key)
            .ToList();

    /// <summary>
    /// The footnote for scores on this rubric, without its mark and without the pointer to the methodology page each
    /// medium words on its own; null when every number is the notice's.
    /// </summary>
    public string? Footnote => AssumedKinds is { Count: > 0 } kinds ? $"{string.Join("、", kinds)}为本系统设定（通知未给出）" : null;

    /// <summary>The public page that shows every number of a rubric with its source.</summary>
    public static string MethodologyPath(string rubricId) => "/methodology/rubric/" + Uri.EscapeDataString(rubricId);

    private static readonly string[] KindOrder = ["等级线", "分区分值", "加扣分上限", "逐项分值", "评分参数"];

    private static string? KindOf(string path) =>
        path == "total" ? null
        : path.StartsWith("grades.", StringComparison.Ordinal) ? "等级线"
        : path.Contains(".params.", StringComparison.Ordinal) ? "评分参数"
        : !path.StartsWith("sections.", StringComparison.Ordinal) ? "逐项分值"
        : path.EndsWith(".cap", StringComparison.Ordinal) ? "加扣分上限"
        : "分区分值";
}
