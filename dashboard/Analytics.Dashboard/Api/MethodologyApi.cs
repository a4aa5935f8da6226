using Analytics.Dashboard.Methodology;

namespace Analytics.Dashboard.Api;

/// <summary>
/// GET /api/v1/methodology: every indicator's methodology as JSON, or CSV with <c>?format=csv</c>;
/// <c>?scope=public</c> or <c>?scope=catalog</c> keeps the public counts or the scoring indicators only.
/// </summary>
public static class MethodologyApi
{
    public static RouteGroupBuilder MapMethodologyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/methodology", (MethodologyCatalog catalog, string? format, string? scope) =>
            {
                var methods = catalog.All.Where(m => scope switch { "public" => m.Public, "catalog" => !m.Public, _ => true }).ToList();
                return !Csv.Wanted(format)
                    ? Results.Ok(methods)
                    : Csv.File(scope is "public" or "catalog" ? $"methodology-{scope}" : "methodology",
                        ["指标编号", "指标", "单位", "方向", "领域", "数据来源", "计算方法", "公开规则", "公开指标", "SQL 定义"],
                        methods.Select(m => (IReadOnlyList<string?>)
                            [m.Code, m.Name, m.Unit, m.Direction, m.Domain, m.Source, m.Formula, m.Disclosure, m.Public ? "是" : "否", m.Sql]));
            })
            .WithName("Methodology").WithSummary("各指标的定义、计算方法、数据来源、SQL 定义与公开规则 (indicator methodology)")
            .Produces<IReadOnlyList<IndicatorMethod>>().Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return api;
    }
}
