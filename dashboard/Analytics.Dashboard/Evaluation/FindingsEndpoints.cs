using Analytics.Dashboard.Api;
using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics.Warehouse.Findings;

namespace Analytics.Dashboard.Evaluation;

/// <summary>The register as CSV for bureau staff (考核员, 管理员; 局领导 may read): GET /api/evaluator/findings?rubric=&amp;period=.</summary>
public static class FindingsEndpoints
{
    public static IEndpointRouteBuilder MapFindingsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/evaluator/findings", (HttpContext http, LeadershipScores scores, EvaluatorFindings findings, string? rubric, string? period) =>
            {
                var r = scores.ResolveRubric(rubric, DistrictScope.For(http.User));
                var p = scores.ResolvePeriod(r, period);
                return Csv.File($"findings-{r.Id}-{p}", FindingsCsv.Header, FindingsCsv.Rows(findings.All(r, p)));
            })
            .RequireAuthorization(JudgementPolicy.Name)
            .ExcludeFromDescription();
        return endpoints;
    }
}
