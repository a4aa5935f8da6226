using Analytics.Metrics.Rules;
using static Analytics.Metrics.Improvement.ExactSteps;

namespace Analytics.Metrics.Improvement;

/// <summary>
/// The input values that reach an item's next step (and its full score), computed from the rule's own parameters: the
/// band and step of a 阶梯扣分 rate, the 同比 base of a growth item, the per-case points of a deduction, a tier's condition,
/// a ratio or target. Re-scoring (<see cref="ImprovementPlanner"/>) then measures what each change earns.
/// </summary>
internal sealed class RuleLevers(Rubric rubric, RubricItem item, decimal score, RubricInputs view)
{
    public IReadOnlyList<CandidateChange> Candidates() => item.Rule switch
    {
        ThresholdStepRule r => Step(r),
        ThresholdRule r => Threshold(r),
        GrowthRule r => Growth(r),
        PerCaseDeductionRule r => PerCase(r),
        PenaltyRule r => AllCasesAvoided(r.Points.Keys),
        TieredRule r => Tiered(r),
        RatioToTargetRule r => Ratio(r),
        TargetRule r => Target(r),
        YesNoRule => One("full", "value", 1m, "改为“是”"),
        CappedSumRule r => Capped(r),
        _ => [],
    };

    private string Name(string role) => item.Inputs[role];

    private string Label(string role) => rubric.FindInput(Name(role))?.Meaning ?? Name(role);

    private string Unit(string role) => rubric.FindInput(Name(role))?.Unit ?? "";

    private decimal? Now(string role) => view.Values.GetValueOrDefault(Name(role));

    private decimal? Before(string role) => view.Previous.GetValueOrDefault(Name(role));

    private InputChange Change(string role, decimal to) => new(Name(role), Label(role), Now(role)!.Value, to);

    private string Moved(string role, decimal to)
    {
        var from = Now(role)!.Value;
        var diff = to - from;
        var more = diff > 0 ? $"多 {Fmt.Num(diff)}{Unit(role)}" : $"少 {Fmt.Num(-diff)}{Unit(role)}";
        return $"{Label(role)}由 {Fmt.Num(from)}{Unit(role)}{(diff > 0 ? "增至" : "减至")} {Fmt.Num(to)}{Unit(role)}（{more}）";
    }

    private List<CandidateChange> One(string reach, string role, decimal to, string why) =>
        Now(role) is { } from && from != to ? [new CandidateChange(reach, $"{why}：{Moved(role, to)}", [Change(role, to)])] : [];

    /// <summary>阶梯扣分: the numerator that brings the rate within the band of the next step that scores, and within the base band.</summary>
    private List<CandidateChange> Step(ThresholdStepRule r)
    {
        if (Now("numerator") is not { } n || Now("denominator") is not { } d || d == 0m)
        {
            return [];
        }

        var label = r.Label ?? item.Name;
        var steps = ExactMath.CeilingSteps(n * 100m - r.Band * d, r.Step * d);
        // With the score already at 0 the next step that pays is the last one the maximum still covers.
        var next = score > 0m ? steps - 1m : CeilDiv(item.Maximum, r.Deduction) - 1m;
        var list = new List<CandidateChange>();
        foreach (var (reach, target) in new[] { ("next", next), ("full", 0m) }.Where(x => x.Item2 >= 0m && x.Item2 < steps).DistinctBy(x => x.Item2))
        {
            var limit = r.Band + target * r.Step;
            var to = FloorDiv(limit * d, 100m);
            list.Add(new CandidateChange(reach, $"{label} {Fmt.Pct(n, d)} → ≤ {Fmt.Pct(limit)}：{Moved("numerator", to)}", [Change("numerator", to)]));
        }

        return list;
    }

    /// <summary>达标得分: the smallest change of the value (or of the rate's numerator) that meets the comparison.</summary>
    private List<CandidateChange> Threshold(ThresholdRule r)
    {
        var label = r.Label ?? item.Name;
        var required = r.Required(view.Period);
        var why = $"{label}须{Comparison(r.Operator)} {(item.Inputs.ContainsKey("value") ? Fmt.Num(required) + Unit("value") : Fmt.Pct(r.Value))}";
        if (item.Inputs.ContainsKey("value"))
        {
            return Now("value") is { } v && Bound(r.Operator, required, 1m, IsWhole(v) && IsWhole(required)) is { } to ? One("full", "value", to, why) : [];
        }

        if (Now("numerator") is null || Now("denominator") is not { } d || d == 0m)
        {
            return [];
        }

        return Bound(r.Operator, r.Value * d, 100m, true) is { } n && n >= 0m ? One("full", "numerator", n, why) : [];
    }

    /// <summary>The whole (or, for a non-count, exact) x closest to the threshold with x × unit op limit.</summary>
    private static decimal? Bound(string op, decimal limit, decimal unit, bool whole) => (op, whole) switch
    {
        (">=", true) => CeilDiv(limit, unit),
        (">", true) => FloorDiv(limit, unit) + 1m,
        ("<=", true) => FloorDiv(limit, unit),
        ("<", true) => CeilDiv(limit, unit) - 1m,
        ("==", _) when IsWhole(limit / unit) || !whole => limit / unit,
        (">=" or "<=", false) => limit / unit,
        _ => null,
    };

    private static string Comparison(string op) => op switch
    {
        ">=" => "不低于",
        ">" => "高于",
        "<=" => "不超过",
        "<" => "低于",
        _ => "等于",
    };

    /// <summary>同比: the count that beats (or, for a decrease, stays under) the same period of last year.</summary>
    private List<CandidateChange> Growth(GrowthRule r)
    {
        var label = r.Label ?? item.Name;
        var verb = r.Increase ? "高于" : "低于";
        if (item.Inputs.ContainsKey("value"))
        {
            if (Before("value") is not { } b || !IsWhole(b))
            {
                return [];
            }

            var to = r.Increase ? b + 1m : b == 0m ? 0m : b - 1m;
            return to < 0m ? [] : One("full", "value", to, $"{label}须{verb}上年同期 {Fmt.Num(b)}{Unit("value")}");
        }

        if (Now("denominator") is not { } d || d == 0m || Before("numerator") is not { } bn || Before("denominator") is not { } bd || bd == 0m)
        {
            return [];
        }

        // n/d against bn/bd by cross-multiplication: increase needs n·bd > bn·d; a decrease n·bd < bn·d (0 and 0 scores full).
        var n = r.Increase ? FloorDiv(bn * d, bd) + 1m : bn == 0m ? 0m : CeilDiv(bn * d, bd) - 1m;
        return n < 0m ? [] : One("full", "numerator", n, $"{label}须{verb}上年同期 {Fmt.Pct(bn, bd)}（{Fmt.Num(bn)}/{Fmt.Num(bd)}），本期分母 {Fmt.Num(d)}");
    }

    /// <summary>每例扣分: the cases that would have to be fewer for the next deduction to lift, and none at all.</summary>
    private List<CandidateChange> PerCase(PerCaseDeductionRule r)
    {
        if (r.PerCase <= 0m || Now("count") is not { } c)
        {
            return AllCasesAvoided(r.Points.Keys);
        }

        var next = score > 0m ? c - 1m : CeilDiv(item.Maximum, r.PerCase) - 1m;
        var label = r.Label ?? Label("count");
        var why = $"{label}每例扣 {Fmt.Num(r.PerCase)} 分";
        return new[] { ("next", next), ("full", 0m) }.Where(x => x.Item2 >= 0m && x.Item2 < c).DistinctBy(x => x.Item2)
            .SelectMany(x => One(x.Item1, "count", x.Item2, why)).ToList();
    }

    private List<CandidateChange> AllCasesAvoided(IEnumerable<string> roles)
    {
        var changes = roles.Where(role => Now(role) is > 0m).Select(role => Change(role, 0m)).ToList();
        return changes.Count == 0 ? [] :
        [
            new CandidateChange("full", "无此类问题：" + string.Join("，", changes.Select(c => $"{c.Label}由 {Fmt.Num(c.From)} 例减至 0 例")), changes),
        ];
    }

    /// <summary>每例得分: one more case, and the cases that reach the cap.</summary>
    private List<CandidateChange> Capped(CappedSumRule r)
    {
        if (Now("count") is not { } c)
        {
            return [];
        }

        var full = CeilDiv(item.Maximum, r.PerCase);
        var why = $"每例 {Fmt.Num(r.PerCase)} 分，封顶 {Fmt.Num(item.Maximum)} 分";
        return new[] { ("next", c + 1m), ("full", full) }.Where(x => x.Item2 <= full).DistinctBy(x => x.Item2)
            .SelectMany(x => One(x.Item1, "count", x.Item2, why)).ToList();
    }

    /// <summary>分档得分: for each better tier, the alternative of its condition that needs the smallest change.</summary>
    private List<CandidateChange> Tiered(TieredRule r)
    {
        var better = r.Tiers.Where(t => t.Score > score).OrderBy(t => t.Score).ToList();
        var list = new List<CandidateChange>();
        foreach (var tier in better)
        {
            var options = tier.AnyOf.Select(all => all.GroupBy(k => k.Role)
                .Select(g => (Role: g.Key, To: g.Aggregate(Now(g.Key) ?? 0m, (v, k) => Satisfy(k, v))))
                .Where(x => Now(x.Role) is { } v && v != x.To).ToList())
                .Where(o => o.Count > 0 && o.All(x => Now(x.Role) is not null))
                .OrderBy(o => o.Sum(x => Math.Abs(x.To - Now(x.Role)!.Value))).ToList();
            if (options.Count == 0)
            {
                continue;
            }

            var pick = options[0];
            var reach = tier.Score >= item.Maximum ? "full" : "next";
            list.Add(new CandidateChange(reach, $"达到“{tier.When}”档（{Fmt.Num(tier.Score)} 分）：{string.Join("，", pick.Select(x => Moved(x.Role, x.To)))}",
                pick.Select(x => Change(x.Role, x.To)).ToList()));
        }

        return list;
    }

    private static decimal Satisfy(TieredRule.Clause k, decimal v) => k.Operator switch
    {
        ">=" => Math.Max(v, k.Value),
        ">" => v > k.Value ? v : decimal.Floor(k.Value) + 1m,
        "<=" => Math.Min(v, k.Value),
        "<" => v < k.Value ? v : decimal.Ceiling(k.Value) - 1m,
        _ => k.Value,
    };

    private List<CandidateChange> Ratio(RatioToTargetRule r)
    {
        if (Now("actual") is not { } a || Now("base") is not { } b || b == 0m)
        {
            return [];
        }

        var required = b * r.Ratio;
        var to = IsWhole(a) ? CeilDiv(required, 1m) : required;
        return One("full", "actual", to, $"须达到{Label("base")} {Fmt.Num(b)} × {r.RatioLabel ?? Fmt.Num(r.Ratio)} = {Fmt.Num(required)}");
    }

    private List<CandidateChange> Target(TargetRule r)
    {
        var quarters = (view.Period ?? AssessmentPeriod.ForYear(rubric.Year)).QuartersElapsed;
        if (r.IsCumulative)
        {
            // The projection done × 4 / quarters must reach the target.
            var done = CeilDiv(r.Target * quarters, 4m);
            return One("full", "progress", done, quarters == 4
                ? $"全年须完成目标 {Fmt.Num(r.Target)}{r.Unit}"
                : $"按已过 {quarters} 个季度推算全年须达到 {Fmt.Num(r.Target)}{r.Unit}");
        }

        if (item.Inputs.ContainsKey("value"))
        {
            return One("full", "value", r.Target, $"须达到目标 {Fmt.Num(r.Target)}{r.Unit}");
        }

        return Now("denominator") is { } d and > 0m
            ? One("full", "numerator", CeilDiv(r.Target * d, 100m), $"{r.Label ?? item.Name}须达到 {Fmt.Pct(r.Target)}")
            : [];
    }
}
