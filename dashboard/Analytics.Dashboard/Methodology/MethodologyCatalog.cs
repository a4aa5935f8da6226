using System.Globalization;
using System.Text.RegularExpressions;
using Analytics.Dashboard.Disclosure;
using Analytics.Dashboard.Statistics;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Metrics.Warehouse.Quantities;
using Analytics.Sources.Catalog;
using Analytics.Warehouse.Schema;

namespace Analytics.Dashboard.Methodology;

/// <summary>
/// The methodology of every indicator (指标说明): the public counts of the overview pages first, then the metrics layer's
/// indicator catalog (<see cref="IndicatorCatalog"/>), each with its definition, formula in words, SQL and disclosure rule.
/// </summary>
public sealed partial class MethodologyCatalog(SuppressionPolicy policy)
{
    private readonly Lazy<IReadOnlyList<IndicatorMethod>> _all = new(() => Build(policy));

    public IReadOnlyList<IndicatorMethod> All => _all.Value;

    public IndicatorMethod? Find(string code) => All.FirstOrDefault(m => m.Code == code);

    public static string Link(string code) => "/methodology/" + Uri.EscapeDataString(code);

    private static List<IndicatorMethod> Build(SuppressionPolicy policy) =>
        [.. PublicIndicator.All.Select(i => Public(i, policy)), .. IndicatorCatalog.All.Select(i => Catalog(i, policy))];

    private static IndicatorMethod Public(PublicIndicator indicator, SuppressionPolicy policy)
    {
        var table = FactTableOf(indicator.Sql);
        return new IndicatorMethod(indicator.Code, indicator.Name, indicator.Indicator.NameEn, indicator.Unit, indicator.Indicator.DirectionZh, indicator.Domain,
            Source(table), indicator.Definition + "。区、全市为所辖街镇之和。", indicator.Sql,
            $"公开页面与开放数据接口发布。1 至 {policy.Threshold - 1} 的计数显示为“{policy.BelowThresholdMark}”（0 照常显示）；" +
            $"为防止由合计、各季度与同比推算出隐藏数，另有一些不小于 {policy.Threshold} 的数也隐藏，显示为“{SuppressionPolicy.ComplementaryMark}”，" +
            $"使每个“{policy.BelowThresholdMark}”仍可能是 1 至 {policy.Threshold - 1} 中的任一值、每个“{SuppressionPolicy.ComplementaryMark}”的可能范围宽度不小于 {policy.ComplementaryWidth}（以线性规划逐一核验）；涉及隐藏数的同比不显示。",
            Public: true, []);
    }

    private static IndicatorMethod Catalog(Indicator indicator, SuppressionPolicy policy)
    {
        var numerator = QuantityCatalog.Get(indicator.Numerator);
        var denominator = indicator.Denominator is { } d ? QuantityCatalog.Get(d) : null;
        var formula = denominator is null
            ? $"{numerator.Label}（{numerator.Code}）。{KindText(numerator.Kind)}"
            : $"{numerator.Label} ÷ {denominator.Label} × {indicator.Scale.ToString("0.##", CultureInfo.InvariantCulture)}。" +
              $"先汇总后相除：区、全市的比率 = 所辖街镇分子之和 ÷ 分母之和，不是街镇比率的平均。分子：{KindText(numerator.Kind)}";
        var disclosure = indicator.IsRatio
            ? "用于考核评分与内部分析（局领导、分析员页面），不在公开页面发布。比率的分子或分母被抑制时，比率同样不公开。"
            : $"用于考核评分与内部分析（局领导、分析员页面），不在公开页面发布；如公开，按公开计数规则处理（1 至 {policy.Threshold - 1} 显示为“{policy.BelowThresholdMark}”，并做二次抑制）。";
        var quantities = new[] { numerator.Code, denominator?.Code }.OfType<string>().ToHashSet();
        var usedBy = RubricCatalog.All
            .SelectMany(r => r.Items.Where(i => i.Inputs.Values.Any(quantities.Contains)).Select(i => $"{r.Id} {i.Code} {i.Name}"))
            .ToList();
        var tables = new[] { numerator.FactTable, denominator?.FactTable }.OfType<string>().Distinct();
        return new IndicatorMethod(indicator.Code, indicator.NameZh, indicator.NameEn, indicator.Unit,
            indicator.DirectionZh, indicator.Domain,
            string.Join("；", tables.Select(Source)), formula, indicator.DefinitionSql, disclosure, Public: false, usedBy);
    }

    private static string KindText(QuantityKind kind) => kind switch
    {
        QuantityKind.Flow => "按季度内发生数统计，年度为四个季度之和。",
        QuantityKind.Stock => "按期末数统计，年度取最后一个已装载季度的值。",
        _ => "取期内最大值，年度为各季度的最大值。",
    };

    /// <summary>"社会救助信息系统 · 救助对象名册（fact_assistance_recipients）" for a fact table name.</summary>
    public static string Source(string table)
    {
        var file = SourceCatalog.AllFiles.FirstOrDefault(f => StarSchema.TableName(f) == table);
        return file is null ? table : $"{SourceCatalog.Feed(file.FeedId).SystemLabel} · {file.Label}（{table}）";
    }

    private static string FactTableOf(string sql) => FactTable().Match(sql) is { Success: true } m ? m.Value : "";

    [GeneratedRegex(@"\bfact_[a-z_]+\b")]
    private static partial Regex FactTable();
}
