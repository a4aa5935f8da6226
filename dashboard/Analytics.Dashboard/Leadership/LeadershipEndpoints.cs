using Analytics.Dashboard.Security;

namespace Analytics.Dashboard.Leadership;

/// <summary>Downloads of the leadership pages (局领导 and 管理员): CSV by default, .xlsx with <c>format=xlsx</c>.</summary>
public static class LeadershipEndpoints
{
    public static IEndpointRouteBuilder MapLeadershipEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var leader = endpoints.MapGroup("/api/leader").RequireAuthorization(p => p.RequireRole(Roles.Leader, Roles.Admin)).ExcludeFromDescription();

        // The ranking table: GET /api/leader/scorecard?rubric=&period=&format=csv|xlsx.
        leader.MapGet("/scorecard", (HttpContext http, LeadershipScores scores, string? rubric, string? period, string? format) =>
        {
            var scope = DistrictScope.For(http.User);
            var r = scores.ResolveRubric(rubric, scope);
            return LeadershipTables.Ranking(scores.Scorecard(r, scores.ResolvePeriod(r, period), scope)).ToResult(format);
        });

        // One town's items with inputs and explanations: GET /api/leader/scorecard/town?rubric=&period=&town=&format=csv|xlsx.
        leader.MapGet("/scorecard/town", (HttpContext http, LeadershipScores scores, string? rubric, string? period, string? town, string? format) =>
        {
            var scope = DistrictScope.For(http.User);
            var r = scores.ResolveRubric(rubric, scope);
            var score = scores.Score(r, scores.ResolvePeriod(r, period), scope);
            return score.Towns.FirstOrDefault(t => t.Town.TownCode == town) is { } ranked
                ? LeadershipTables.Town(score, ranked).ToResult(format)
                : Results.NotFound();
        });

        // A 街镇's 自评报告 draft for the rubric's year: GET /api/leader/self-report?rubric=&town= (.docx).
        leader.MapGet("/self-report", (HttpContext http, LeadershipScores scores, string? rubric, string? town) =>
        {
            var r = scores.ResolveRubric(rubric, DistrictScope.For(http.User));
            if (string.IsNullOrEmpty(town) || !r.RanksTowns)
            {
                return Results.NotFound();
            }

            try
            {
                var evidence = scores.Read(c => Analytics.Reports.SelfReport.SelfReportEvidence.Read(c, r, town));
                using var buffer = new MemoryStream();
                Analytics.Reports.SelfReport.SelfReportWriter.Write(evidence, buffer);
                return Results.File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    $"{evidence.TownName}-{r.Year}-自评报告草稿.docx");
            }
            catch (Analytics.Metrics.Improvement.ImprovementNotApplicableException)
            {
                return Results.NotFound();
            }
        });

        // The districts side by side: GET /api/leader/compare?period=&format=csv|xlsx.
        leader.MapGet("/compare", (HttpContext http, DistrictComparison comparison, string? period, string? format) =>
            comparison.Compare(period, DistrictScope.For(http.User)) is { } table ? LeadershipTables.Comparison(table).ToResult(format) : Results.NotFound());
        return endpoints;
    }
}
