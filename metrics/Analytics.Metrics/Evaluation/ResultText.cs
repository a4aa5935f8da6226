using Analytics.Metrics.Rules;

namespace Analytics.Metrics;

/// <summary>
/// The cells every consumer shows for a result (pages, downloads, briefings, 成绩单), so that none prints a total of a
/// period that assesses nothing or a grade that is not final.
/// </summary>
public static class ResultText
{
    /// <summary>"85", "暂计 62.5", or "—" when nothing is assessed in the period.</summary>
    public static string Total(RubricResult r) => r.State switch
    {
        AssessmentState.Final => Fmt.Num(r.Total),
        AssessmentState.Provisional => $"暂计 {Fmt.Num(r.Total)}",
        _ => "—",
    };

    /// <summary>The period's maximum, or "—" when nothing is assessed.</summary>
    public static string Maximum(RubricResult r) => r.IsAssessed ? Fmt.Num(r.Maximum) : "—";

    /// <summary>"62.5–96.5" while provisional; null otherwise.</summary>
    public static string? Range(RubricResult r) =>
        r.State == AssessmentState.Provisional ? $"{Fmt.Num(r.LowestTotal)}–{Fmt.Num(r.HighestTotal)}" : null;

    /// <summary>"良好", "等级待定（可能为优秀/良好）" or "年度考核，12 月评定"; a veto is named.</summary>
    public static string Grade(RubricResult r)
    {
        var text = r.State switch
        {
            AssessmentState.Final => r.GradeLabel,
            AssessmentState.Provisional when r.PossibleGrades.Count > 0 => $"{r.GradeLabel}（可能为{string.Join("/", r.PossibleGrades.Select(g => g.Label()))}）",
            AssessmentState.Provisional => r.GradeLabel,
            _ => RubricResult.AnnualOnly,
        };
        return r.Vetoed ? $"{text}（一票否决：{r.VetoReason}）" : text;
    }

    /// <summary>The possible grades joined by "/", empty when not assessed.</summary>
    public static string PossibleGrades(RubricResult r) => string.Join("/", r.PossibleGrades.Select(g => g.Label()));

    /// <summary>An item's score cell: its score, "预估 x" for an annual item previewed in a quarter, "—" when not assessed.</summary>
    public static string ItemScore(ItemResult i) => i.Projected is { } p
        ? $"预估 {Fmt.Num(p)}"
        : i.Status == ItemStatus.NotAssessed ? "—" : Fmt.Num(i.Score);

    /// <summary>
    /// The year-to-date preview of an annual scheme in a quarter: the points its data items would earn so far and
    /// their maximum ("数据项预估 12.5 / 20 分"); null when no data item is previewed.
    /// </summary>
    public static string? Preview(RubricResult r)
    {
        var previewed = r.Items.Where(i => i.Projected is not null).ToList();
        return previewed.Count == 0 || r.IsAssessed
            ? null
            : $"数据项预估 {Fmt.Num(previewed.Sum(i => i.Projected!.Value))} / {Fmt.Num(previewed.Sum(i => i.Maximum))} 分（{previewed.Count} 项）";
    }
}
