using System.Globalization;
using Analytics.Dashboard.Api;
using Analytics.Dashboard.Security;
using Analytics.Etl.Scheduling;
using Analytics.Sources;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Dashboard.Admin;

/// <summary>Admin-only endpoints: "立即运行" (run now) and the CSV/JSON downloads of the admin tables.</summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/admin/jobs/run", async (HttpContext http, EtlScheduler scheduler, AuditLog audit, ILoggerFactory loggers,
                [FromForm] string feed, [FromForm] string? quarter) =>
            {
                Quarter? q = null;
                if (!string.IsNullOrEmpty(quarter))
                {
                    if (!Quarter.TryParse(quarter, out var parsed))
                    {
                        return Results.Redirect("/admin/jobs?error=quarter");
                    }

                    q = parsed;
                }

                if (scheduler.Feeds.All(f => f.Id != feed))
                {
                    return Results.Redirect("/admin/jobs?error=feed");
                }

                var triggered = await scheduler.TriggerNow(feed, q);
                var logger = loggers.CreateLogger("Analytics.Dashboard.Admin");
                _ = triggered.Completion.ContinueWith(
                    t => logger.LogInformation("Operator run {Feed} {Quarter} finished: {State}", feed, q, t.IsCompletedSuccessfully ? t.Result.State : "cancelled"),
                    TaskScheduler.Default);
                audit.Record(http.User.Identity?.Name, "etl-run-now", $"{feed} {q?.ToString() ?? "latest"}");
                return Results.Redirect($"/admin/jobs?triggered={Uri.EscapeDataString(feed)}");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .ExcludeFromDescription();

        endpoints.MapPost("/admin/users", (HttpContext http, UserStore users, AuditLog audit, IFormCollection form) =>
            {
                var username = form["username"].ToString().Trim();
                var password = form["password"].ToString();
                var roles = form["roles"].Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).ToArray();
                if (!System.Text.RegularExpressions.Regex.IsMatch(username, "^[A-Za-z0-9_.-]{3,32}$")
                    || roles.Length == 0 || roles.Except(Roles.All).Any())
                {
                    return Results.Redirect("/admin/users?error=input");
                }

                if (password.Length < 12)
                {
                    return Results.Redirect("/admin/users?error=password");
                }

                // 全市 (*) or one or more districts; none chosen is refused rather than read as either.
                var chosen = form["districts"].Where(d => !string.IsNullOrEmpty(d)).Select(d => d!).ToList();
                var districts = chosen.Contains(DistrictScope.CityValue) ? DistrictScope.City : chosen.Count == 0 ? null : DistrictScope.Of(chosen);
                if (districts is null)
                {
                    return Results.Redirect("/admin/users?error=districts");
                }

                users.Save(username, password, roles, districts);
                audit.Record(http.User.Identity?.Name, "user-saved", $"{username}: {string.Join(",", roles)}; districts={districts.Stored}");
                return Results.Redirect($"/admin/users?saved={Uri.EscapeDataString(username)}");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .ExcludeFromDescription();

        endpoints.MapPost("/admin/users/end-sessions", (HttpContext http, UserStore users, AuditLog audit, IFormCollection form) =>
            {
                var username = form["username"].ToString().Trim();
                if (!users.Exists(username))
                {
                    return Results.Redirect("/admin/users?error=input");
                }

                users.EndSessions(username);
                audit.Record(http.User.Identity?.Name, "user-sessions-ended", username);
                return Results.Redirect($"/admin/users?ended={Uri.EscapeDataString(username)}");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .ExcludeFromDescription();

        var api = endpoints.MapGroup("/api/admin").RequireAuthorization(p => p.RequireRole(Roles.Admin)).ExcludeFromDescription();
        api.MapGet("/runs", (AdminQueries queries, string? format) =>
        {
            var runs = queries.Runs(1000);
            if (!Csv.Wanted(format))
            {
                return Results.Ok(runs);
            }

            return Csv.File("etl-runs", ["运行", "数据源", "季度", "触发", "开始(UTC)", "状态", "读取", "装载", "隔离", "文件", "耗时ms", "替换运行", "说明"],
                    runs.Select(r => (IReadOnlyList<string?>)[
                        r.RunId.ToString(CultureInfo.InvariantCulture), r.Feed, AdminQueries.QuarterLabel(r.QuarterKey), r.Trigger,
                        r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Status,
                        r.RowsRead.ToString(CultureInfo.InvariantCulture), r.RowsLoaded.ToString(CultureInfo.InvariantCulture),
                        r.RowsQuarantined.ToString(CultureInfo.InvariantCulture), r.Files.ToString(CultureInfo.InvariantCulture),
                        r.DurationMs.ToString(CultureInfo.InvariantCulture), r.ReplacedRunId?.ToString(CultureInfo.InvariantCulture), r.Message]));
        });
        api.MapGet("/completeness", (AdminQueries queries, string? format) =>
        {
            var report = queries.Completeness();
            if (!Csv.Wanted(format))
            {
                return Results.Ok(report);
            }

            return Csv.File("load-completeness", ["区代码", "区", "数据源", "季度", "行数", "状态"],
                report.Cells.Select(c => (IReadOnlyList<string?>)[
                    c.DistrictCode, c.DistrictName, c.Feed, AdminQueries.QuarterLabel(c.QuarterKey),
                    c.Rows.ToString(CultureInfo.InvariantCulture), c.State]));
        });
        api.MapGet("/quarantine", (AdminQueries queries, string? feed, string? format) =>
        {
            var (_, rows) = queries.Quarantine(string.IsNullOrEmpty(feed) ? null : feed, 100_000);
            if (!Csv.Wanted(format))
            {
                return Results.Ok(rows);
            }

            return Csv.File("etl-quarantine", ["运行", "数据源", "季度", "文件", "行号", "字段", "原因", "原始行（已遮蔽）"],
                    rows.Select(r => (IReadOnlyList<string?>)[
                        r.RunId.ToString(CultureInfo.InvariantCulture), r.Feed, AdminQueries.QuarterLabel(r.QuarterKey), r.File,
                        r.RowNumber.ToString(CultureInfo.InvariantCulture), r.Field, r.Reason, r.Raw]));
        });
        api.MapGet("/jobs", async (EtlScheduler scheduler, string? format) =>
        {
            var jobs = await scheduler.GetJobs();
            if (!Csv.Wanted(format))
            {
                return Results.Ok(jobs);
            }

            return Csv.File("etl-jobs", ["任务", "数据源", "调度", "时区", "下次运行(UTC)", "上次运行(UTC)", "运行中", "上次结果"],
                jobs.Select(j => (IReadOnlyList<string?>)[
                    j.JobKey, j.Feed, j.Cron, j.TimeZone, j.NextFireTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    j.PreviousFireTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), j.IsRunning ? "是" : "否",
                    j.LastRun is { } last ? $"{last.State} {last.Quarter} {last.Message}" : null]));
        });
        api.MapGet("/users", (UserStore users, string? format) =>
        {
            var list = users.List();
            if (!Csv.Wanted(format))
            {
                return Results.Ok(list);
            }

            return Csv.File("users", ["用户名", "角色", "分管区", "创建(UTC)"],
                list.Select(u => (IReadOnlyList<string?>)[
                    u.Username, string.Join("|", u.Roles), u.Districts.Label,
                    u.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)]));
        });
        api.MapGet("/throttled", (Analytics.Dashboard.Security.LoginThrottle throttle, string? format) =>
        {
            var list = throttle.Throttled();
            if (!Csv.Wanted(format))
            {
                return Results.Ok(list);
            }

            return Csv.File("login-throttled", ["用户名 / 客户端", "连续失败", "最近失败(UTC)", "下次等待(秒)"],
                list.Select(t => (IReadOnlyList<string?>)[
                    t.Key, t.Failures.ToString(CultureInfo.InvariantCulture),
                    t.LastFailure.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    t.Delay.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)]));
        });
        api.MapGet("/audit", (AuditLog audit, string? format, string? user, string? action, string? from, string? to) =>
        {
            var entries = audit.Search(AuditFilter.Parse(user, action, from, to), 10_000);
            if (!Csv.Wanted(format))
            {
                return Results.Ok(entries);
            }

            // Beijing time, as on the page and in its date filter.
            return Csv.File("audit-log", ["时间(北京时间)", "用户", "操作", "详情"],
                entries.Select(e => (IReadOnlyList<string?>)[Components.Shared.BeijingTime.Format(e.At), e.User, e.Action, e.ReadableDetail]));
        });
        return endpoints;
    }
}
