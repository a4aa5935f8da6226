using Analytics.Dashboard.Api;
using Analytics.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Dashboard.Sql;

/// <summary>CSV export of a console query: re-runs it in the same sandbox (antiforgery-checked form POST).</summary>
public static class SqlConsoleEndpoints
{
    public const string Roles = Security.Roles.Analyst + "," + Security.Roles.Admin;

    public static IEndpointRouteBuilder MapSqlConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/analyst/sql/export", ([FromForm] string sql, HttpContext http, SqlSandbox sandbox) =>
            {
                var result = sandbox.RunForExport(http.User.Identity?.Name ?? "?", sql);
                if (!result.Succeeded)
                {
                    return Results.Text(result.Error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return Csv.File("query", result.Columns.Select(c => c.Name).ToList(), result.Rows);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles });
        return app;
    }
}
