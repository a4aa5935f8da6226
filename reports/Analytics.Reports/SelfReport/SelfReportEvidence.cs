using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;
using Analytics.Metrics;
using Analytics.Metrics.Improvement;
using Analytics.Metrics.Warehouse.Findings;
using Analytics.Metrics.Warehouse.Improvement;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Metrics.Warehouse.Scoring;
using Analytics.Sources.Catalog;

namespace Analytics.Reports.SelfReport;

/// <summary>One input of an item as the self-assessment shows it: the 街镇's value, last year's, the district median, the source.</summary>
/// <param name="Previous">The same period of the previous year (同比基数); null when not loaded.</param>
/// <param name="DistrictMedian">The median over the district's 街镇 with a value; null when none has one.</param>
/// <param name="Source">The source system and feed, or the bureau's findings register.</param>
/// <param name="AsOf">The last quarter loaded for the year and when, e.g. "数据截至 2024Q4，装载于 2026-12-05".</param>
public sealed record InputEvidence(string Name, string Label, string Unit, decimal? Value, decimal? Previous, decimal? DistrictMedian,
    string Source, string AsOf);

/// <summary>An item's evidence: its score and explanation, its inputs, the findings on record, the sources of its numbers.</summary>
public sealed record ItemEvidence(RubricItem Item, ItemResult Result, IReadOnlyList<InputEvidence> Inputs, IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> Provenance);

/// <summary>Everything the 自评报告 draft of one 街镇 and year shows, read from the warehouse as the scorer reads it.</summary>
public sealed record SelfReportEvidence(Rubric Rubric, AssessmentPeriod Period, string TownCode, string TownName, RubricResult Result,
    int Rank, int TownCount, IReadOnlyList<ItemEvidence> Items, DateTime GeneratedAt)
{
    /// <summary>The source named for inputs the bureau records as findings.</summary>
    public const string FindingsRegister = "区民政局督查发现台账";

    /// <summary>Reads the evidence of <paramref name="town"/> (name or code) for the rubric's whole year.</summary>
    public static SelfReportEvidence Read(DuckDBConnection connection, Rubric rubric, string town, DateTime? now = null)
    {
        if (!rubric.RanksTowns)
        {
            throw new ImprovementNotApplicableException(
                $"评分方案 {rubric.Id} 考核全区目标（目标跟踪），不对街镇评分，没有街镇自评报告 (self-assessment applies to 街镇 rubrics only)");
        }

        var period = AssessmentPeriod.ForYear(rubric.Year);
        var score = new TownScorer(connection).Score(rubric, period, store: false);
        var units = new RubricInputBuilder(connection).Build(rubric, period).Where(u => !u.Unit.IsDistrict).ToList();
        var unit = TownImprovement.Find(units, town, rubric);
        var ranked = score.Towns.Single(t => t.Town.TownCode == unit.Unit.Code);
        var findings = new FindingStore(connection).List(rubric.Id, period.ToString(), unit.Unit.Code).Where(f => !f.Withdrawn).ToList();
        var asOf = new SourceDates(connection, rubric.Year, rubric.Id);
        var items = rubric.Items.Select(item => new ItemEvidence(item, ranked.Town.Result.Item(item.Code),
            item.Inputs.Values.Distinct().Select(name => Input(rubric, name, unit, units, asOf)).ToList(),
            findings.Where(f => f.ItemCode == item.Code).ToList(),
            rubric.Provenance.ItemNumbers(item.Code).Select(Sourced).ToList())).ToList();
        return new SelfReportEvidence(rubric, period, unit.Unit.Code, unit.Unit.Name, ranked.Town.Result, ranked.Rank, score.Towns.Count, items,
            now ?? DateTime.UtcNow);
    }

    private static InputEvidence Input(Rubric rubric, string name, UnitInputs unit, IReadOnlyList<UnitInputs> all, SourceDates dates)
    {
        var definition = rubric.FindInput(name);
        var values = all.Select(u => u.Inputs.Values.GetValueOrDefault(name)).OfType<decimal>().ToList();
        return new InputEvidence(name, definition?.Meaning ?? name, definition?.Unit ?? "", unit.Inputs.Values.GetValueOrDefault(name),
            unit.Inputs.Previous.GetValueOrDefault(name), Median(values),
            definition?.IsFinding == true ? FindingsRegister : Source(name), dates.For(definition?.IsFinding == true ? null : QuantityCatalog.Find(name)?.Feed));
    }

    private static string Source(string name) => QuantityCatalog.Find(name) is { } q
        ? $"{SourceCatalog.Feed(q.Feed).SystemLabel}（{q.Feed}）"
        : "—";

    /// <summary>The exact median: the middle value, or the mean of the two middle values.</summary>
    public static decimal? Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    private static string Sourced(SourcedNumber n) => n.Source.IsAssumption
        ? $"{n.Label} {n.Value}：本系统设定 — {n.Source.Text}"
        : $"{n.Label} {n.Value}：通知原文“{n.Source.Text}”";

    /// <summary>The last quarter of the year loaded per feed, and when; the findings register by its last change.</summary>
    private sealed class SourceDates(DuckDBConnection connection, int year, string rubricId)
    {
        private readonly Dictionary<string, string> _feeds = ReadFeeds(connection, year);
        private readonly string _findings = ReadFindings(connection, rubricId);

        public string For(string? feed) => feed is null ? _findings : _feeds.GetValueOrDefault(feed, $"{year} 年尚未装载");

        private static Dictionary<string, string> ReadFeeds(DuckDBConnection connection, int year)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT feed, max(quarter_key), max(finished_at) FROM etl_run
                WHERE status = 'succeeded' AND quarter_key BETWEEN $1 AND $2 GROUP BY feed
                """;
            command.Parameters.AddValue(year * 10 + 1);
            command.Parameters.AddValue(year * 10 + 4);
            using var reader = command.ExecuteReader();
            var result = new Dictionary<string, string>();
            while (reader.Read())
            {
                var quarter = reader.GetInt32(1);
                result[reader.GetString(0)] = $"数据截至 {quarter / 10}Q{quarter % 10}，装载于 {reader.GetDateTime(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
            }

            return result;
        }

        private static string ReadFindings(DuckDBConnection connection, string rubricId)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT max(changed_at) FROM finding WHERE rubric_id = $1";
            command.Parameters.AddValue(rubricId);
            var last = command.ExecuteScalar();
            return last is DateTime at ? $"台账最近更新于 {at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "台账尚无记录";
        }
    }
}
