using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Learned;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>One 街镇's contribution sheet (贡献明细): its figure behind each district target and its share of the district's, never a score.</summary>
public sealed record TownContribution(string TownCode, string TownName, IReadOnlyList<ContributionLine> Lines)
{
    /// <summary>Item code → the 街镇's own figure as shown ("42张", "12/40家", "—", "全区录入").</summary>
    public IReadOnlyDictionary<string, string> Figures { get; } = Lines.ToDictionary(l => l.Code, l => l.OwnText);
}

/// <summary>
/// A district target tracker (unit: district) for one period: one row per target for the district, and each 街镇's
/// contribution per target with no total, grade or rank. Every surface (page, export, API, CLI, briefing) reads this.
/// The 全年预计 and status follow the rubric (the run rate); <see cref="Methods"/> says per target how the year end is
/// projected, and where a regression model shipped for the target's indicator, its stored projection and 80% range.
/// </summary>
public sealed record DistrictTracker(DistrictScore Score, IReadOnlyList<TrackedTarget> Targets, IReadOnlyList<TownContribution> Towns)
{
    public static readonly string[] Columns = ["编号", "目标", "截至本期", "年度目标", "全年预计", "预计方法", "状态", "来源"];

    /// <summary>Target code → the 预计方法 cell: the model's projection with its range and 方法, or how the 全年预计 was made.</summary>
    public IReadOnlyDictionary<string, string> Methods { get; init; } = Targets.ToDictionary(t => t.Code, _ => "");

    /// <summary>Target code → the stored model projection shown for it (only targets whose indicator has a shipped model).</summary>
    public IReadOnlyDictionary<string, StoredProjection> ModelProjections { get; init; } = new Dictionary<string, StoredProjection>();

    /// <summary>Set while the stored projections belong to older data: <see cref="PendingMethod"/> while the models are
    /// trained for the current data, <see cref="FailedMethod"/> when that training failed. The cumulative targets then say it
    /// instead of a method; null when the stored projections are current.</summary>
    public string? ModelsNote { get; init; }

    /// <summary>True while the stored projections belong to older data (<see cref="ModelsNote"/>).</summary>
    public bool ModelsPending => ModelsNote is not null;

    /// <summary>The tracker with the projections the forecasting refresh stored for the district and period (none at
    /// year end or for an annual period); while the stored projections are stale, none and a <see cref="ModelsNote"/>.</summary>
    public static DistrictTracker? Read(DuckDBConnection connection, DistrictScore score)
    {
        var period = score.Period;
        if (period.Quarter is not ({ } q and < 4) || score.Rubric.RanksTowns)
        {
            return Of(score);
        }

        return LearnedOutputs.IsCurrent(connection)
            ? Of(score, StoredProjection.Read(connection, score.Rubric.District.Code, period.Year, q))
            : Of(score, modelsNote: LearnedOutputs.TrainingFailed(connection) ? FailedMethod : PendingMethod);
    }

    /// <summary>The tracker of a district rubric's score; null for a rubric that scores 街镇. <paramref name="modelsNote"/>:
    /// the stored projections are stale, so a cumulative target's method is that note (<see cref="ModelsNote"/>).</summary>
    public static DistrictTracker? Of(DistrictScore score, IReadOnlyDictionary<string, StoredProjection>? projections = null, string? modelsNote = null)
    {
        if (score.Rubric.RanksTowns)
        {
            return null;
        }

        var rubric = score.Rubric;
        var towns = score.Towns.OrderBy(t => t.Town.TownCode, StringComparer.Ordinal)
            .Select(t => new TownContribution(t.Town.TownCode, t.Town.TownName, ContributionSheet.Lines(rubric, t.Town.Result, score.District.Result)))
            .ToList();
        var yearEnd = score.Period.Quarter is not { } quarter || quarter == 4;
        var models = new Dictionary<string, StoredProjection>();
        var methods = new Dictionary<string, string>();
        foreach (var item in rubric.Items)
        {
            var stored = !yearEnd && item.Rule is TargetRule { IsCumulative: true } && item.Inputs.TryGetValue("progress", out var input)
                ? projections?.GetValueOrDefault(input)
                : null;
            if (stored is { IsModel: true })
            {
                models[item.Code] = stored;
            }

            methods[item.Code] = Method(item, yearEnd, stored, modelsNote);
        }

        return new DistrictTracker(score, TargetTracker.Track(rubric, score.District.Result), towns)
        {
            Methods = methods, ModelProjections = models, ModelsNote = yearEnd ? null : modelsNote,
        };
    }

    /// <summary>How a row's year end is reached, in the words of the 预计方法 column.</summary>
    private static string Method(RubricItem item, bool yearEnd, StoredProjection? stored, string? modelsNote) => item.Rule switch
    {
        TargetRule { IsCumulative: true } when yearEnd => "全年实际完成数",
        TargetRule { IsCumulative: true } when modelsNote is not null => modelsNote,
        TargetRule { IsCumulative: true } target when stored is { IsModel: true } => ModelText(target, stored),
        TargetRule { IsCumulative: true } when stored is not null => stored.MethodText,
        TargetRule { IsCumulative: true } => RunRateMethod,
        TargetRule => "按当前值（水平型目标不外推）",
        GrowthRule => "与上年同期比较",
        EntryRule => "区局录入值",
        _ => "—",
    };

    /// <summary>The 方法 of a cumulative target without a shipped model: the straight line to date × 4 / quarters.</summary>
    public const string RunRateMethod = "方法：按季度均速外推";

    /// <summary>The 方法 of a cumulative target while the models are trained for the current data (the host trains in the
    /// background after a load): which targets get a model is not known yet, and no older projection stands in.</summary>
    public const string PendingMethod = "模型预计计算中，暂按季度均速外推";

    /// <summary>The 方法 of a cumulative target when training for the current data failed (the host's log has the error;
    /// the next load trains again): no older projection stands in, and the page does not claim one is coming.</summary>
    public const string FailedMethod = "模型预计未能计算（原因见运行日志），按季度均速外推";

    /// <summary>"模型预计 182.35张（80% 区间 150.00–210.00张）。方法：…", with the figures as `projections show` prints them.</summary>
    public static string ModelText(TargetRule target, StoredProjection p) =>
        $"模型预计 {Num(p.Projection)}{target.Unit}（80% 区间 {Num(p.Low)}–{Num(p.High)}{target.Unit}）。{p.MethodText}";

    private static string Num(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The contribution sheet of one 街镇 by code; null for a code outside the district.</summary>
    public TownContribution? Town(string townCode) => Towns.FirstOrDefault(t => t.TownCode == townCode);

    /// <summary>Targets per status, e.g. "按进度 12 · 有风险 3 · 待录入 6".</summary>
    public string Summary => string.Join(" · ", Targets.GroupBy(t => t.Status).Select(g => $"{g.Key} {g.Count()}"));

    /// <summary>A row's cells in <see cref="Columns"/> order.</summary>
    public string[] Cells(TrackedTarget t) => [t.Code, t.Name, t.ToDateText, t.TargetText, t.ProjectionText, Methods[t.Code], t.Status, t.Source];
}
