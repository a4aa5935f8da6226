using System.Globalization;
using Analytics.Dashboard.Api;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Reports.Content;

namespace Analytics.Dashboard.Leadership;

/// <summary>The leadership tables as downloads: one definition of the rows for both the CSV and the .xlsx.</summary>
public static class LeadershipTables
{
    /// <summary>The scorecard download: the ranking, or for a district rubric its target tracker.</summary>
    public static DownloadTable Ranking(Scorecard card) => card.Tracker is { } tracker ? Tracker(tracker) : TownRanking(card);

    /// <summary>
    /// A district tracker in long form: the district's row per target, then each 街镇's figure per target (a
    /// contribution, with no status, score or rank of its own).
    /// </summary>
    public static DownloadTable Tracker(DistrictTracker tracker) => new(
        $"scorecard-{tracker.Score.Rubric.Id}-{tracker.Score.Period}", $"目标跟踪 {tracker.Score.Period}",
        ["范围", .. DistrictTracker.Columns, "折算分", "满分", "说明"],
        tracker.Targets.Select(t => (IReadOnlyList<string?>)
            [tracker.Score.District.TownName, .. tracker.Cells(t), LeadershipScores.Number(t.Score), LeadershipScores.Number(t.Maximum), t.Explanation])
        .Concat(tracker.Towns.SelectMany(town => tracker.Targets.Select(t => (IReadOnlyList<string?>)
            [town.TownName, t.Code, t.Name, town.Figures[t.Code], t.TargetText, null, "贡献明细（不排名）", null, null, null, null])))
        .ToList(),
        new HashSet<int> { 8, 9 },
        AssumptionNote(tracker.Score.Rubric));

    private static DownloadTable TownRanking(Scorecard card) => new(
        $"scorecard-{card.Rubric.Id}-{card.Period}", $"排名 {card.Period}",
        ["名次", "街镇代码", "街镇", "评定状态", "总分" + Mark(card), "满分", "可达最低分" + Mark(card), "可达最高分" + Mark(card), "等级" + Mark(card), "可能等级" + Mark(card), "上期名次", "名次变化", "排名说明"],
        card.Rows.Select(row =>
        {
            var r = row.Town.Town.Result;
            string? Shown(decimal value) => r.IsAssessed ? LeadershipScores.Number(value) : null;
            return (IReadOnlyList<string?>)
            [
                row.Rank is { } k ? Int(k) : null, row.Town.Town.TownCode, row.Town.Town.TownName, r.State.Label(),
                Shown(r.Total), Shown(r.Maximum), Shown(r.LowestTotal), Shown(r.HighestTotal), r.Grade?.Label() ?? ResultText.Grade(r),
                ResultText.PossibleGrades(r), row.PreviousRank is { } p ? Int(p) : null, row.ChangeLabel, card.Score.RankingNote,
            ];
        }).ToList(),
        new HashSet<int> { 0, 4, 5, 6, 7, 10 },
        AssumptionNote(card.Rubric));

    private static string Mark(Scorecard card) => card.Rubric.Provenance.ScoreMark;

    /// <summary>The columns of a 街镇's contribution sheet, on its page and in its download.</summary>
    public static readonly string[] ContributionColumns = ["编号", "全区目标", "计数", "本街镇截至本期", "全区截至本期", "占全区（%）"];

    /// <summary>The 街镇 download: its items with scores, or under a district tracker its contribution sheet (no score).</summary>
    public static DownloadTable Town(DistrictScore score, RankedTown town) =>
        DistrictTracker.Of(score)?.Town(town.Town.TownCode) is { } contribution ? Contribution(score, contribution) : Items(score, town);

    private static DownloadTable Contribution(DistrictScore score, TownContribution town) => new(
        $"contribution-{score.Rubric.Id}-{score.Period}-{town.TownName}", $"{town.TownName} {score.Period} 贡献明细",
        ContributionColumns,
        town.Lines.Select(l => (IReadOnlyList<string?>)
            [l.Code, l.Name, l.Measure, l.Own is { } o ? LeadershipScores.Number(o) : l.OwnText, l.District is { } d ? LeadershipScores.Number(d) : null,
             l.SharePercent is { } p ? LeadershipScores.Number(p) : null]).ToList(),
        new HashSet<int> { 4, 5 },
        "全区目标按全区合计评价，本街镇不计分、不评等级、不排名；占全区（%）= 本街镇数 ÷ 全区数，比率类目标取其分子；全区数含不属于任何街镇的区级数据。");

    private static DownloadTable Items(DistrictScore score, RankedTown town) => new(
        $"items-{score.Rubric.Id}-{score.Period}-{town.Town.TownName}", $"{town.Town.TownName} {score.Period}",
        ["编号", "评分项", "分区", "考核频次", "状态", "得分", "满分", "本系统设定", "所用数据", "说明"],
        town.Town.Result.Items.Select(item => (IReadOnlyList<string?>)
        [
            item.Code, item.Name, score.Rubric.Sections.FirstOrDefault(s => s.Code == item.SectionCode)?.Name ?? item.SectionCode,
            item.Frequency.Label(), item.Status.Label(), ResultText.ItemScore(item), LeadershipScores.Number(item.Maximum),
            score.Rubric.Provenance.ItemMark(item.Code),
            string.Join("；", item.Inputs.Select(i => $"{i.Key}={Value(i.Value)}").Concat(item.Previous.Select(i => $"上年 {i.Key}={Value(i.Value)}"))),
            item.Explanation,
        ]).ToList(),
        new HashSet<int> { 6 },
        AssumptionNote(score.Rubric));

    /// <summary>
    /// The footnote of the "*" marks, worded as the scorecard page words it, with the methodology page as a path
    /// (a spreadsheet has no link); null when every number of the rubric is the notice's.
    /// </summary>
    public static string? AssumptionNote(Rubric rubric) => rubric.Provenance.Footnote is { } footnote
        ? $"{RubricProvenance.Mark} {footnote}，见评分方法说明 {RubricProvenance.MethodologyPath(rubric.Id)}（评分方案 {rubric.Id} 版本 {rubric.Version}）。"
        : null;

    /// <summary>
    /// The comparison download: per district the value, its per-capita rate and its 同比 as numbers, the 同比 split by unit
    /// (a rate's change in 百分点, anything else's in %, each in its own column with the unit in the header, so a column
    /// never mixes units), then the 同比 as the page writes it ("+1.2 个百分点", "-3.5%", "持平") for people.
    /// </summary>
    public static DownloadTable Comparison(ComparisonTable table) => new(
        $"compare-{table.Period}", $"区际比较 {table.Period}",
        ["指标编号", "指标", "单位", "按人口口径",
            .. table.Districts.SelectMany(d => new[] { d.Name, $"{d.Name}按人口", $"{d.Name}同比（%）", $"{d.Name}同比（百分点）", $"{d.Name}同比" })],
        table.Rows.Select(row => (IReadOnlyList<string?>)
        [
            row.Indicator.Code, row.Indicator.NameZh, row.Indicator.Unit, row.Basis is { } basis ? $"{basis.Description}（{row.Indicator.Unit}{basis.UnitLabel}）" : null,
            .. row.Values.SelectMany((v, i) => ComparisonCells(row, v, row.PerCapitaValues?[i])),
        ]).ToList(),
        Enumerable.Range(0, table.Districts.Count).SelectMany(d => Enumerable.Range(4 + d * ComparisonColumnsPerDistrict, 4)).ToHashSet());

    private const int ComparisonColumnsPerDistrict = 5;

    private static string?[] ComparisonCells(ComparisonRow row, DistrictValue value, decimal? perCapita)
    {
        var isRate = row.Indicator.Unit == "%";
        return
        [
            Optional(value.Value), Optional(perCapita), isRate ? null : Optional(value.YearOnYearPercent), isRate ? Optional(value.YearOnYearChange) : null,
            ChineseNumbers.ChangeCell(row.Indicator, value.YearOnYearPercent, value.YearOnYearChange),
        ];
    }

    private static string? Optional(decimal? value) => value is { } v ? LeadershipScores.Number(v) : null;

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Value(decimal? value) => value is { } v ? LeadershipScores.Number(v) : "未报送";
}
