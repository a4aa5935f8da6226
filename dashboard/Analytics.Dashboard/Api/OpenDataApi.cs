using Analytics.Dashboard.Hosting;
using Analytics.Dashboard.Statistics;

namespace Analytics.Dashboard.Api;

/// <summary>
/// The read-only open-data API (/api/v1): the same suppressed numbers as the public pages, as JSON or, with
/// <c>?format=csv</c>, as CSV. Anonymous, rate limited, described in /openapi/v1.json.
/// </summary>
public static class OpenDataApi
{
    public const string RateLimitPolicy = "public-api";

    // One 200 response per route in the description: the JSON schema; the CSV of the same route is named in words.
    private const string CsvNote = "加 format=csv 返回同样内容的 CSV（text/csv，UTF-8 带 BOM）。";

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("开放数据 (open data)").RequireRateLimiting(RateLimitPolicy).AllowAnonymous()
            .CacheOutput(PublicPageCache.Policy);

        api.MapGet("/indicators", () => PublicIndicator.All.Select(i => new IndicatorInfo(i.Code, i.Name, i.Unit, i.Domain)))
            .WithName("ListIndicators").WithSummary("公开指标列表 (the public indicators)");
        api.MapMethodologyApi();

        api.MapGet("/quarters", (PublicStatistics statistics) => statistics.Quarters().Select(q => q.ToString()))
            .WithName("ListQuarters").WithSummary("已装载的季度 (quarters with data)");

        api.MapGet("/districts", (PublicStatistics statistics, string? quarter, string? format) =>
            {
                if (QuarterProblem(statistics, quarter) is { } problem)
                {
                    return problem;
                }

                var q = statistics.ResolveQuarter(quarter)!.Value;

                var table = statistics.DistrictTable(q);
                return Csv.Wanted(format) ? Csv.Table(table) : Results.Ok(table);
            })
            .WithName("DistrictTable").WithSummary("各区及全市指标，已做小数抑制 (districts and city, suppressed)")
            .WithDescription(CsvNote)
            .Produces<StatTable>().Produces(StatusCodes.Status404NotFound);

        api.MapGet("/districts/{district}/towns", (PublicStatistics statistics, PublicRates rates, string district, string? quarter, string? format) =>
            {
                if (QuarterProblem(statistics, quarter) is { } problem)
                {
                    return problem;
                }

                var q = statistics.ResolveQuarter(quarter)!.Value;

                if (statistics.TownTable(district, q) is not { } table)
                {
                    return NotFound(PublicStatistics.UnknownDistrictMessage(district));
                }

                var answer = TownTableAnswer.From(table, rates.For(table, q), q);
                return Csv.Wanted(format) ? answer.ToCsv() : Results.Ok(answer);
            })
            .WithName("TownTable").WithSummary("某区各街镇指标及按人口比率，已做小数抑制 (the 街镇 of a district with per-capita rates, suppressed)")
            .WithDescription("rows 为各街镇及全区合计的计数；rates 为页面上“按人口”一栏的比率：养老服务类每千名户籍老年人，其他每万名常住人口，" +
                "人口为该季度末数（rates.columns 列出分母、来源与日期）。计数不公布（\"<10\" 或 \"×\"）的，比率一并不公布：value 为 null，" +
                "display 为 \"" + Disclosure.SuppressionPolicy.WithheldRateMark + "\"，state 同计数；没有人口数的（未注明街镇）value 为 null，display 为 \"" +
                Disclosure.SuppressionPolicy.NotAvailableMark + "\"。CSV 中比率在计数之后，人口列的表头写明来源与日期。" + CsvNote)
            .Produces<TownTableAnswer>().Produces(StatusCodes.Status404NotFound);

        api.MapGet("/trends/{area}", (PublicStatistics statistics, string area, string? quarter, string? format) =>
            {
                if (QuarterProblem(statistics, quarter) is { } problem)
                {
                    return problem;
                }

                var q = statistics.ResolveQuarter(quarter)!.Value;

                if (area != PublicStatistics.CityCode && statistics.Districts().All(d => d.Code != area))
                {
                    return NotFound(PublicStatistics.UnknownDistrictMessage(area));
                }

                var trends = statistics.Trends(area, q);
                if (!Csv.Wanted(format))
                {
                    return Results.Ok(trends);
                }

                var quarters = trends[0].Points.Select(p => p.Quarter).ToList();
                return Csv.File($"trends-{area}", ["指标", "单位", .. quarters],
                    trends.Select(t => (IReadOnlyList<string?>)[t.Indicator.Name, t.Indicator.Unit, .. t.Points.Select(p => Csv.Cell(p.Value))]));
            })
            .WithName("Trends").WithSummary("全市（310000）或某区各指标的季度趋势与同比 (quarterly trend and year-on-year)")
            .Produces<IReadOnlyList<IndicatorTrend>>().Produces(StatusCodes.Status404NotFound);

        return endpoints;
    }

    /// <summary>503 before the first load, 404 for a quarter without data (<see cref="PublicStatistics.IsUnknownQuarter"/>), else null.</summary>
    private static IResult? QuarterProblem(PublicStatistics statistics, string? quarter)
    {
        if (statistics.IsUnknownQuarter(quarter))
        {
            return NotFound(PublicStatistics.UnknownQuarterMessage(quarter!));
        }

        return statistics.ResolveQuarter(quarter) is null
            ? Results.Problem("尚无数据 (no data loaded yet)", statusCode: StatusCodes.Status503ServiceUnavailable)
            : null;
    }

    private static IResult NotFound(string message) =>
        Results.Problem(message, statusCode: StatusCodes.Status404NotFound, title: "未找到");

    public sealed record IndicatorInfo(string Code, string Name, string Unit, string Domain);
}
