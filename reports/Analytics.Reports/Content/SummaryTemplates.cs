using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Anomalies;
using Analytics.Metrics.Warehouse.Scoring;
using static Analytics.Reports.Content.ChineseNumbers;

namespace Analytics.Reports.Content;

/// <summary>
/// Every sentence a briefing writes about its numbers, by rules and templates only (no language model): the
/// written summary of a district briefing and of a town scorecard. All wording lives in this one file.
/// </summary>
public static class SummaryTemplates
{
    /// <summary>How many headline figures the summary's first paragraph mentions.</summary>
    private const int HeadlinesInSummary = 4;

    public static IReadOnlyList<string> District(DistrictBriefing b)
    {
        var paragraphs = new List<string>
        {
            $"{ThisPeriod(b.Period)}全区" + string.Join("；", b.Headlines.Take(HeadlinesInSummary).Where(h => h.Value is not null).Select(Headline)) + "。",
            Ranking(b),
            Flags(b.Flags, "全区"),
        };
        if (Targets(b) is { } targets)
        {
            paragraphs.Add(targets);
        }

        if (Pending(b.Score) is { } pending)
        {
            paragraphs.Add(pending);
        }

        return paragraphs;
    }

    public static IReadOnlyList<string> Town(TownScorecard s)
    {
        var r = s.Town.Result;
        var paragraphs = new List<string> { TownFirst(s) };
        var lost = r.Items.Where(i => i.Status != ItemStatus.NotAssessed && i.Maximum - i.Score > 0)
            .OrderByDescending(i => i.Maximum - i.Score).ThenBy(i => i.Code, StringComparer.Ordinal).Take(3).ToList();
        if (lost.Count > 0)
        {
            paragraphs.Add("失分较多的评分项：" + string.Join("；", lost.Select(i => $"{i.Name}（得 {Score(i.Score)} 分，满分 {Score(i.Maximum)} 分，{i.Status.Label()}）")) + "。");
        }

        var compared = s.Indicators.Where(i => i.Comparison is "better" or "worse" or "flat").ToList();
        if (compared.Count > 0)
        {
            paragraphs.Add($"与全区街镇中位数相比，{compared.Count} 项指标中优于中位数 {compared.Count(i => i.Comparison == "better")} 项，" +
                           $"差于中位数 {compared.Count(i => i.Comparison == "worse")} 项，与中位数持平 {compared.Count(i => i.Comparison == "flat")} 项。");
        }

        paragraphs.Add(Flags(s.Flags, "本街镇"));
        if (r.PendingCount > 0)
        {
            paragraphs.Add($"尚有 {r.PendingCount} 项视情给分项待评，暂按 0 分计；评定后总分可在 {Score(r.LowestTotal)}–{Score(r.HighestTotal)} 分之间，等级待定。");
        }

        return paragraphs;
    }

    /// <summary>The scorecard's first sentence: final score and grade, provisional total with its range, or the annual notice.</summary>
    private static string TownFirst(TownScorecard s)
    {
        var r = s.Town.Result;
        var period = PeriodLabel(s.District.Period);
        if (!r.IsAssessed)
        {
            var preview = ResultText.Preview(r) is { } p ? $"截至本期，{p}，仅供参考" : "本期无可预估的数据项";
            return $"{s.Town.TownName}{period}：《{s.District.Rubric.Title}》为{RubricResult.AnnualOnly}，本期不评分、不评等级、不排名；{preview}。";
        }

        var score = r.IsFinal
            ? $"得分 {Score(r.Total)} 分（满分 {Score(r.Maximum)} 分），等级{r.GradeLabel}"
            : $"暂计 {Score(r.Total)} 分（满分 {Score(r.Maximum)} 分，待评 {r.PendingCount} 项，可达 {Score(r.LowestTotal)}–{Score(r.HighestTotal)} 分），等级待定";
        var veto = r.Vetoed ? $"（一票否决：{r.VetoReason}）" : "";
        var rank = s.Row.Rank is { } k
            ? $"，在全区 {s.District.Rows.Count} 个街镇中{(s.District.Score.IsRankingFinal ? "" : "暂")}列第 {k} 名，{RankChange(s.Row)}"
            : $"（{s.District.Score.RankingNote}）";
        return $"{s.Town.TownName}{period}{score}{veto}{rank}。";
    }

    /// <summary>"临时救助人次 329 人次，同比增长 15.4%，环比下降 0.6%".</summary>
    public static string Headline(HeadlineFigure h) =>
        $"{h.Indicator.NameZh} {Value(h.Indicator, h.Value)}，{YearOnYear(h)}" + (h.QuarterOnQuarterPercent is null && h.QuarterOnQuarterChange is null ? "" : $"，{QuarterOnQuarter(h)}");

    public static string YearOnYear(HeadlineFigure h) => Change("同比", "与上年同期持平", "无上年同期数据", h.Indicator.Unit, h.YearOnYearPercent, h.YearOnYearChange);

    public static string QuarterOnQuarter(HeadlineFigure h) => Change("环比", "与上季度持平", "无上季度数据", h.Indicator.Unit, h.QuarterOnQuarterPercent, h.QuarterOnQuarterChange);

    /// <summary>Rates change in percentage points ("同比上升 1.2 个百分点"), counts and amounts in percent ("同比增长 12.3%").</summary>
    private static string Change(string label, string flat, string none, string unit, decimal? percent, decimal? change)
    {
        if (unit == "%")
        {
            if (change is not { } points)
            {
                return none;
            }

            var rounded = Math.Round(points, 1, MidpointRounding.AwayFromZero);
            return rounded == 0 ? flat : $"{label}{(rounded > 0 ? "上升" : "下降")} {Math.Abs(rounded):0.0} 个百分点";
        }

        if (percent is not { } p)
        {
            return change == 0 ? flat : none;
        }

        var r = Math.Round(p, 1, MidpointRounding.AwayFromZero);
        return r == 0 ? flat : $"{label}{(r > 0 ? "增长" : "下降")} {Math.Abs(r):0.0}%";
    }

    private static string Ranking(DistrictBriefing b)
    {
        var rows = b.Rows;
        if (!b.Score.IsRanked)
        {
            var district = b.Score.District.Result;
            var preview = ResultText.Preview(district) is { } p ? $"全区截至本期{p}，仅供参考。" : "";
            return $"按《{b.Rubric.Title}》，{b.Score.RankingNote}" + (district.IsAssessed ? $"；全区{district.Headline}。" : "。") + preview;
        }

        if (rows.Count == 0)
        {
            return "本期没有参加排名的街镇。";
        }

        var top = rows.Where(r => r.Town.Rank == 1).Select(r => r.Town.Town).ToList();
        var lastRank = rows[^1].Town.Rank;
        var bottom = rows.Where(r => r.Town.Rank == lastRank).Select(r => r.Town.Town).ToList();
        var final = b.Score.IsRankingFinal;
        var scored = final ? "得分" : "暂计";
        var text = $"按《{b.Rubric.Title}》评分，{Names(top)}{scored} {Score(top[0].Result.Total)} 分，{(top.Count > 1 ? "并列第一" : "位列第一")}";
        if (lastRank > 1)
        {
            text += $"；{Names(bottom)}{scored} {Score(bottom[0].Result.Total)} 分，{(bottom.Count > 1 ? "并列末位" : "位列末位")}";
        }

        text += $"（共 {rows.Count} 个街镇{(final ? "" : "，排名为暂计")}）。";
        var graded = rows.Where(r => r.Town.Town.Result.Grade is not null).ToList();
        if (graded.Count > 0)
        {
            var grades = graded.GroupBy(r => r.Town.Town.Result.Grade!.Value).OrderBy(g => g.Key).Select(g => $"{g.Key.Label()} {g.Count()} 个");
            text += "等级分布：" + string.Join("，", grades) + (graded.Count < rows.Count ? $"，等级待定 {rows.Count - graded.Count} 个" : "") + "。";
        }
        else
        {
            text += $"{rows.Count} 个街镇均有待评项，等级待定。";
        }

        var up = rows.Where(r => r.Change > 0).MaxBy(r => r.Change);
        var down = rows.Where(r => r.Change < 0).MinBy(r => r.Change);
        if (b.PreviousPeriod is { } previous && (up is not null || down is not null))
        {
            var moves = new List<string>();
            if (up is not null)
            {
                moves.Add($"名次上升最多的是{up.Town.Town.TownName}（上升 {up.Change} 位）");
            }

            if (down is not null)
            {
                moves.Add($"下降最多的是{down.Town.Town.TownName}（下降 {-down.Change} 位）");
            }

            text += $"与{PeriodLabel(previous)}相比，" + string.Join("，", moves) + "。";
        }

        return text;
    }

    private static string Flags(IReadOnlyList<AnomalyFlag> all, string scope)
    {
        var highlights = all.Count(f => AnomalyKinds.IsHighlight(f.Kind));
        var highlightText = highlights > 0 ? $"另有亮点 {highlights} 条（明显好于同类街镇）。" : "";
        var flags = all.Where(f => !AnomalyKinds.IsHighlight(f.Kind)).ToList();
        if (flags.Count == 0)
        {
            return $"{scope}本期未发现异常。" + highlightText;
        }

        var counts = new[] { Severity.High, Severity.Medium, Severity.Low }
            .Select(s => (Severity: s, Count: flags.Count(f => f.Severity == s)))
            .Where(x => x.Count > 0)
            .Select(x => $"{Severity.Label(x.Severity)}级 {x.Count} 条");
        var text = $"{scope}本期异常提示 {flags.Count} 条，其中" + string.Join("、", counts) + "。";
        if (flags.FirstOrDefault(f => f.Severity == Severity.High) is { } high)
        {
            text += $"需重点关注：{high.Message}。";
        }

        return text + highlightText;
    }

    private static string? Targets(DistrictBriefing b)
    {
        if (b.Tracker is { } tracker)
        {
            return TrackerSentence(tracker);
        }

        if (b.Targets.Count == 0)
        {
            return null;
        }

        var missed = b.Targets.Where(t => !t.Progress.OnTrack).ToList();
        var yearEnd = b.Targets.All(t => t.Progress.QuartersElapsed == 4);
        if (missed.Count == 0)
        {
            return yearEnd ? $"年度目标 {b.Targets.Count} 项，均已完成。" : $"年度目标 {b.Targets.Count} 项，按进度推算均可完成。";
        }

        return yearEnd
            ? $"年度目标 {b.Targets.Count} 项，其中 {missed.Count} 项未完成：" + string.Join("；", missed.Select(t =>
                $"{t.ItemName}（全年完成 {Grouped(t.Progress.ToDate)}，目标 {Grouped(t.Progress.Target)}）")) + "。"
            : $"年度目标 {b.Targets.Count} 项，其中 {missed.Count} 项按进度推算有风险：" + string.Join("；", missed.Select(t =>
                $"{t.ItemName}（截至本期完成 {Grouped(t.Progress.ToDate)}，推算全年 {Grouped(t.Progress.ProjectedYearEnd)}，目标 {Grouped(t.Progress.Target)}）")) + "。";
    }

    /// <summary>"全区目标 21 项：按进度 12 项，有风险 3 项（…），待录入 6 项（区局尚未录入，不计为未完成）。"</summary>
    private static string TrackerSentence(DistrictTracker tracker)
    {
        var parts = tracker.Targets.GroupBy(t => t.Status).Select(g => g.Key switch
        {
            "有风险" or "未完成" => $"{g.Key} {g.Count()} 项（{string.Join("、", g.Select(t => t.Name))}）",
            EntryRule.PendingText => $"{g.Key} {g.Count()} 项（区局尚未录入，不计为未完成）",
            _ => $"{g.Key} {g.Count()} 项",
        });
        return $"全区目标 {tracker.Targets.Count} 项：{string.Join("，", parts)}。";
    }

    // A district tracker has no 街镇 judgements: its bureau entries pending are told by the tracker sentence.
    private static string? Pending(DistrictScore score)
    {
        if (!score.Rubric.RanksTowns)
        {
            return null;
        }

        var pending = score.Towns.Where(t => t.Town.Result.PendingCount > 0).ToList();
        if (pending.Count == 0)
        {
            return null;
        }

        var most = pending.Max(t => t.Town.Result.PendingCount);
        return $"{pending.Count} 个街镇尚有视情给分项待评（最多 {most} 项），待评项暂按 0 分计，评定后总分和名次可能变化，等级待评定完成后给出。";
    }

    private static string RankChange(ScorecardRow row) => row.Change switch
    {
        null => "上期无排名",
        0 => "名次与上期持平",
        > 0 and var c => $"较上期上升 {c} 位",
        var c => $"较上期下降 {-c} 位",
    };

    private static string Names(IReadOnlyList<TownResult> towns) =>
        towns.Count <= 3 ? string.Join("、", towns.Select(t => t.TownName)) : string.Join("、", towns.Take(3).Select(t => t.TownName)) + $"等 {towns.Count} 个街镇";
}
