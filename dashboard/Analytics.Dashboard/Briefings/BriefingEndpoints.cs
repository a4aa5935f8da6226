using Analytics.Dashboard.Security;
using Analytics.Etl.Scheduling;
using Analytics.Metrics;
using Analytics.Reports.Content;
using Microsoft.AspNetCore.Mvc;
using Quartz;

namespace Analytics.Dashboard.Briefings;

/// <summary>Downloads of generated briefings (current and earlier versions), the "生成简报" run-now and its progress (局领导 and 管理员).</summary>
public static class BriefingEndpoints
{
    public static IEndpointRouteBuilder MapBriefingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // By index id only: the file's path comes from the index row, never from the request.
        endpoints.MapGet("/api/leader/briefings/{id:long}/pdf", (HttpContext http, long id, BriefingService briefings) =>
            {
                // Another district's document answers as if it did not exist.
                var entry = briefings.Index.Find(id) is { } found && DistrictScope.For(http.User).Allows(found.DistrictCode) ? found : null;
                var stream = entry is null ? null : briefings.Open(entry);
                return stream is null ? Results.NotFound() : Results.File(stream, "application/pdf", entry!.DownloadName);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Leader, Roles.Admin))
            .ExcludeFromDescription();

        // Polled by the briefings page while a generation runs (wwwroot/js/briefing-progress.js).
        endpoints.MapGet("/api/leader/briefings/status", (HttpContext http, BriefingService briefings) =>
            {
                var running = briefings.Running;
                var last = briefings.LastRun;
                return Results.Json(new
                {
                    running = running is not null,
                    period = running?.Period,
                    // Another district's run shows only that something is being printed, not for whom.
                    district = running?.District is { } d && DistrictScope.For(http.User).Allows(d) ? d : null,
                    done = running?.Done ?? 0,
                    total = running?.Total ?? 0,
                    lastFinishedAt = last?.FinishedAt.ToUnixTimeMilliseconds(),
                    lastSucceeded = last?.Succeeded,
                    lastMessage = last?.Message,
                });
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Leader, Roles.Admin))
            .ExcludeFromDescription();

        endpoints.MapPost("/leader/briefings/generate", async (HttpContext http, EtlScheduler scheduler, AuditLog audit,
                [FromForm] string period, [FromForm] string? district) =>
            {
                if (!AssessmentPeriod.TryParse(period, out var p))
                {
                    return Results.Redirect("/leader/briefings?error=period");
                }

                // "All districts" is the city's choice; a district user names one of theirs (DistrictScopeMiddleware checks which).
                if ((!string.IsNullOrEmpty(district) && RubricChoice.Districts.All(d => d.Code != district))
                    || (string.IsNullOrEmpty(district) && !DistrictScope.For(http.User).IsCity))
                {
                    return Results.Redirect("/leader/briefings?error=district");
                }

                var data = new JobDataMap
                {
                    [BriefingJob.PeriodKey] = p.ToString(),
                    [BriefingJob.TriggerKindKey] = QuarterlyLoadJob.OperatorTrigger,
                    [BriefingJob.DistrictKey] = district ?? "",
                };
                await scheduler.TriggerFollowUpAsync(BriefingJob.Key, data);
                audit.Record(http.User.Identity?.Name, "briefings-run-now", $"{p} {district ?? "all"}");
                return Results.Redirect($"/leader/briefings?started={p}");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Leader, Roles.Admin))
            .ExcludeFromDescription();
        return endpoints;
    }
}
