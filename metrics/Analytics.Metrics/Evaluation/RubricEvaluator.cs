using Analytics.Metrics.Rules;

namespace Analytics.Metrics;

/// <summary>Scores one town's inputs against a rubric: pure arithmetic on decimals, no I/O.</summary>
public static class RubricEvaluator
{
    public static RubricResult Evaluate(Rubric rubric, RubricInputs inputs)
    {
        CheckInputs(rubric, inputs);
        var period = inputs.Period ?? AssessmentPeriod.ForYear(rubric.Year);
        if (period.Year != rubric.Year)
        {
            // Schemes change every year: a 2024 score must come from the 2024 scheme.
            throw new RubricInputException(
                $"评分期 {period} 与评分方案 {rubric.Id} 的年度 {rubric.Year} 不一致 (period {period} does not match rubric year {rubric.Year})");
        }

        var items = new List<ItemResult>();
        var sections = new List<SectionResult>();
        var sectionItems = new List<(RubricSection Section, List<ItemResult> Items)>();
        foreach (var section in rubric.Sections)
        {
            var scored = section.Items.Select(i => EvaluateItem(rubric, i, inputs, period)).ToList();
            items.AddRange(scored);
            sectionItems.Add((section, scored));
            sections.Add(ScoreSection(section, scored));
        }

        var assessed = items.Any(i => i.Status != ItemStatus.NotAssessed);
        var (vetoReason, vetoItems) = assessed ? EvaluateVetoes(rubric, inputs) : (null, []);
        items.AddRange(vetoItems);

        var (baseScore, bonus, deduction, maximum) = Totals(sections);
        var total = baseScore + bonus + deduction;
        var pending = items.Count(i => i.Status == ItemStatus.Pending);
        var state = !assessed ? AssessmentState.NotAssessed : pending > 0 ? AssessmentState.Provisional : AssessmentState.Final;

        // Every section score is monotone in its items' scores, so the pending items all at their lowest (highest)
        // allowed judgement give the lowest (highest) total still reachable.
        var lowest = pending == 0 ? total : TotalWithPending(rubric, sectionItems, lowest: true);
        var highest = pending == 0 ? total : TotalWithPending(rubric, sectionItems, lowest: false);
        // A veto still awaiting the bureau's inspection keeps 不合格 possible whatever the points.
        var vetoPending = vetoItems.Any(i => i.Status == ItemStatus.Pending);
        IReadOnlyList<Grade> possible = state switch
        {
            AssessmentState.NotAssessed => [],
            // A district's work plan lists targets, not grade bands: its tracker reports target status, never a grade.
            _ when !rubric.RanksTowns => [],
            _ when vetoReason is not null => [Metrics.Grade.Fail],
            _ => GradesBetween(rubric.Grades.Classify(highest, maximum, rubric.Total),
                vetoPending ? Metrics.Grade.Fail : rubric.Grades.Classify(lowest, maximum, rubric.Total)),
        };

        // A recorded veto decides the grade at once ("一票否决"), even while other items are still pending.
        Grade? grade = possible.Count > 0 && (state == AssessmentState.Final || (state == AssessmentState.Provisional && vetoReason is not null))
            ? possible[0]
            : null;
        var gradeLabel = state switch
        {
            _ when grade is { } decided => decided.Label(),
            _ when !rubric.RanksTowns && state != AssessmentState.NotAssessed => TargetTrackingLabel,
            AssessmentState.Provisional => "等级待定",
            _ => "不评定等级",
        };
        return new RubricResult(
            rubric.Id, rubric.Version, period.ToString(), state, N(baseScore), N(bonus), N(deduction), N(total), N(maximum),
            N(lowest), N(highest), grade, gradeLabel, possible,
            vetoReason is not null, vetoReason,
            pending, items.Count(i => i.Status == ItemStatus.MissingInput),
            sections, items);
    }

    /// <summary>The grade cell of a district target tracker (unit: district).</summary>
    public const string TargetTrackingLabel = "目标跟踪，不评定等级";

    private static (decimal Base, decimal Bonus, decimal Deduction, decimal Maximum) Totals(IReadOnlyList<SectionResult> sections) => (
        sections.Where(s => s.Kind == SectionKind.Standard).Sum(s => s.Score),
        sections.Where(s => s.Kind == SectionKind.Bonus).Sum(s => s.Score),
        sections.Where(s => s.Kind == SectionKind.Deduction).Sum(s => s.Score),
        sections.Where(s => s.Kind == SectionKind.Standard).Sum(s => s.Maximum));

    private static decimal TotalWithPending(Rubric rubric, List<(RubricSection Section, List<ItemResult> Items)> sectionItems, bool lowest)
    {
        var sections = sectionItems.Select(x => ScoreSection(x.Section, x.Items.Select(i => i.Status != ItemStatus.Pending ? i
            : rubric.FindItem(i.Code)?.Rule is JudgementRule rule ? i with { Score = lowest ? rule.Lowest : rule.Highest(i.Maximum) }
            : i with { Score = PendingRuleBound(x.Section, i, lowest) }).ToList())).ToList();
        var (b, bonus, deduction, _) = Totals(sections);
        return b + bonus + deduction;
    }

    // A rule item waiting for the bureau's inspection can still end anywhere on its scale: a standard or bonus item from
    // 0 to its maximum, a deduction item from nothing to the section's whole cap.
    private static decimal PendingRuleBound(RubricSection section, ItemResult item, bool lowest) => section.Kind == SectionKind.Deduction
        ? lowest ? -(section.Cap ?? 0m) : 0m
        : lowest ? 0m : item.Maximum;

    /// <summary>The grades from <paramref name="best"/> down to <paramref name="worst"/> (the enum runs best first).</summary>
    private static List<Grade> GradesBetween(Grade best, Grade worst) =>
        Enum.GetValues<Grade>().Where(g => g >= best && g <= worst).ToList();

    private static ItemResult EvaluateItem(Rubric rubric, RubricItem item, RubricInputs inputs, AssessmentPeriod period)
    {
        var used = item.Inputs.Values.Distinct().ToDictionary(n => n, n => inputs.Values.GetValueOrDefault(n));
        var previous = item.Rule is GrowthRule
            ? item.Inputs.Values.Distinct().ToDictionary(n => n, n => inputs.Previous.GetValueOrDefault(n))
            : new Dictionary<string, decimal?>();
        if (period.IsQuarter && item.Frequency == Frequency.Annual)
        {
            return AnnualItemInQuarter(rubric, item, inputs, period);
        }

        // An input that awaits the bureau's inspection or a ledger never read as a value (e.g. "0 cases"): the item waits too.
        var gaps = used.Keys.Select(inputs.GapOf).OfType<InputGap>().ToList();
        if (gaps.Count > 0)
        {
            var status = gaps.Any(g => g.Status == ItemStatus.MissingInput) ? ItemStatus.MissingInput : ItemStatus.Pending;
            var reasons = string.Join("；", gaps.Select(g => g.Reason).Distinct());
            return new ItemResult(item.Code, item.Name, item.SectionCode, item.Rule.Type, item.Frequency, status,
                0m, item.Maximum, used, previous, $"{status.Label()}：{reasons}，暂记 0 分", null, null);
        }

        var context = new RuleContext(rubric, item, inputs, period);
        var outcome = item.Rule.Evaluate(context);
        return new ItemResult(item.Code, item.Name, item.SectionCode, item.Rule.Type, item.Frequency, outcome.Status,
            N(outcome.Score), N(item.Maximum), used, previous, outcome.Explanation,
            item.Rule is JudgementRule or EntryRule ? context.Judgement : null, outcome.Target);
    }

    /// <summary>
    /// An annual item seen part-way through the year: neither score nor maximum counts, but a data item shows what its
    /// year-to-date inputs would earn so far, so a leader sees progress before the December assessment.
    /// </summary>
    private static ItemResult AnnualItemInQuarter(Rubric rubric, RubricItem item, RubricInputs inputs, AssessmentPeriod period)
    {
        const string notAssessed = "年度考核项目，12 月评定，不计入本期得分与满分";
        var ytd = inputs.AsYearToDate();
        var used = item.Inputs.Values.Distinct().ToDictionary(n => n, n => ytd.Values.GetValueOrDefault(n));
        var previous = item.Rule is GrowthRule
            ? item.Inputs.Values.Distinct().ToDictionary(n => n, n => ytd.Previous.GetValueOrDefault(n))
            : new Dictionary<string, decimal?>();
        if (item.Rule is JudgementRule)
        {
            return new ItemResult(item.Code, item.Name, item.SectionCode, item.Rule.Type, item.Frequency, ItemStatus.NotAssessed,
                0m, N(item.Maximum), used, previous, notAssessed + "（视情给分，年终评定）", null, null);
        }

        var outcome = item.Rule.Evaluate(new RuleContext(rubric, item, ytd, period));
        return new ItemResult(item.Code, item.Name, item.SectionCode, item.Rule.Type, item.Frequency, ItemStatus.NotAssessed,
            0m, N(item.Maximum), used, previous,
            $"{notAssessed}；按截至 {period} 的累计数据预估可得 {Fmt.Num(outcome.Score)} 分（满分 {Fmt.Num(item.Maximum)} 分）：{outcome.Explanation}",
            null, outcome.Target, N(outcome.Score));
    }

    private static decimal N(decimal value) => ExactMath.Normalize(value);

    private static SectionResult ScoreSection(RubricSection section, List<ItemResult> items) => Normalized(ScoreSectionRaw(section, items));

    private static SectionResult Normalized(SectionResult s) => s with { Score = N(s.Score), Maximum = N(s.Maximum) };

    private static SectionResult ScoreSectionRaw(RubricSection section, List<ItemResult> items)
    {
        var assessed = items.Where(i => i.Status != ItemStatus.NotAssessed).ToList();
        var raw = assessed.Sum(i => i.Score);
        var rawMax = assessed.Sum(i => i.Maximum);
        switch (section.Kind)
        {
            case SectionKind.Bonus:
            {
                var cap = section.Cap!.Value;
                var score = Math.Min(cap, raw);
                var capped = raw > cap ? $"，超过上限按 {Fmt.Num(cap)} 分计" : "";
                return new SectionResult(section.Code, section.Name, section.Kind, score, cap,
                    $"加分合计 {Fmt.Num(raw)} 分{capped}，加 {Fmt.Num(score)} 分");
            }

            case SectionKind.Deduction:
            {
                var cap = section.Cap!.Value;
                var score = Math.Max(-cap, raw);
                var capped = raw < -cap ? $"，超过上限按 {Fmt.Num(cap)} 分计" : "";
                return new SectionResult(section.Code, section.Name, section.Kind, score, 0m,
                    $"扣分合计 {Fmt.Num(-raw)} 分{capped}，扣 {Fmt.Num(-score)} 分");
            }
        }

        if (assessed.Count == 0)
        {
            return new SectionResult(section.Code, section.Name, section.Kind, 0m, 0m, "本期无考核项目");
        }

        if (section.Weight is not { } weight)
        {
            return new SectionResult(section.Code, section.Name, section.Kind, raw, rawMax,
                $"各项得分合计 {Fmt.Num(raw)} 分（满分 {Fmt.Num(rawMax)} 分）");
        }

        // Weighted sections: items are scored on their own scale, the section converts to its weight.
        var weighted = ExactMath.RoundScore(weight * raw / rawMax);
        return new SectionResult(section.Code, section.Name, section.Kind, weighted, weight,
            $"各项得分 {Fmt.Num(raw)}/{Fmt.Num(rawMax)}，按权重 {Fmt.Num(weight)} 折算得 {Fmt.Num(weighted)} 分（四舍五入保留两位小数）");
    }

    private static (string? Reason, List<ItemResult> Items) EvaluateVetoes(Rubric rubric, RubricInputs inputs)
    {
        var reasons = new List<string>();
        var results = new List<ItemResult>();
        foreach (var veto in rubric.Vetoes)
        {
            var value = inputs.Values.GetValueOrDefault(veto.Input);
            var label = rubric.FindInput(veto.Input)?.Meaning ?? veto.Input;
            if (value is < 0m)
            {
                throw new RubricInputException($"输入项 {veto.Input} 不能为负数 (input '{veto.Input}' must not be negative)");
            }

            string explanation;
            var status = ItemStatus.Scored;
            if (value is not > 0m && inputs.GapOf(veto.Input) is { } gap)
            {
                status = gap.Status;
                explanation = $"{gap.Status.Label()}：{gap.Reason}，一票否决事项尚无定论";
            }
            else if (value is null)
            {
                status = ItemStatus.MissingInput;
                explanation = $"缺少数据：未报告{label}，一票否决事项尚无定论";
            }
            else if (value > 0m)
            {
                explanation = $"{label} {Fmt.Num(value.Value)} 例，一票否决，等级评定为不合格";
                reasons.Add($"{veto.Name}（{label} {Fmt.Num(value.Value)} 例）");
            }
            else
            {
                explanation = $"{label} 0 例，未触发一票否决";
            }

            results.Add(new ItemResult(veto.Code, veto.Name, "veto", "veto", Frequency.Annual, status, 0m, 0m,
                new Dictionary<string, decimal?> { [veto.Input] = value }, new Dictionary<string, decimal?>(), explanation, null, null));
        }

        return (reasons.Count > 0 ? "一票否决：" + string.Join("；", reasons) : null, results);
    }

    private static void CheckInputs(Rubric rubric, RubricInputs inputs)
    {
        var known = rubric.Inputs.Select(i => i.Name).ToHashSet();
        var unknown = inputs.Values.Keys.Concat(inputs.Previous.Keys).Where(k => !known.Contains(k)).Distinct().Order().ToList();
        if (unknown.Count > 0)
        {
            throw new RubricInputException(
                $"评分方案 {rubric.Id} 没有输入项 {string.Join(", ", unknown)} (unknown input name(s) for rubric '{rubric.Id}')");
        }

        foreach (var code in inputs.Judgements.Keys)
        {
            var item = rubric.FindItem(code) ?? throw new RubricInputException(
                $"评分方案 {rubric.Id} 没有评分项 {code} (unknown item code '{code}' in judgements)");
            if (item.Rule is not (JudgementRule or EntryRule))
            {
                throw new RubricInputException(
                    $"评分项 {code}（{item.Name}）按规则 {item.Rule.Type} 计算，不接受视情给分 (item '{code}' is not a judgement item)");
            }
        }
    }
}
