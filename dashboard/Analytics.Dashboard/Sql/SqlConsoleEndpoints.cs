using Analytics.Dashboard.Api;
using Analytics.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Dashboard.Sql;

/// <summary>
/// Export of a console query (antiforgery-checked form POST): CSV re-runs it in the same sandbox; <c>format=parquet</c>
/// runs it through <see cref="ParquetExport"/>. Both are audited as exports, and bounded per user and in total by
/// <see cref="ExportSlots"/> (429 with Retry-After when full).
/// </summary>
public static class SqlConsoleEndpoints
{
    public const string Roles = Security.Roles.Analyst + "," + Security.Roles.Admin;

    public static IEndpointRouteBuilder MapSqlConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/analyst/sql/export", ([FromForm] string sql, [FromForm] string? format, HttpContext http, SqlSandbox sandbox, ParquetExport parquet, ExportSlots slots) =>
            {
                var user = http.User.Identity?.Name ?? "?";
                using var slot = slots.TryEnter(user, out var busy);
                if (slot is null)
                {
                    http.Response.Headers.RetryAfter = "10";
                    return Results.Text(busy, "text/plain; charset=utf-8", statusCode: StatusCodes.Status429TooManyRequests);
                }

                if (string.Equals(format, "parquet", StringComparison.OrdinalIgnoreCase))
                {
                    var file = parquet.Export(user, sql);
                    return file.File is { } bytes
                        ? Results.File(bytes, ParquetExport.ContentType, "query.parquet")
                        : Results.Text(file.Error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                var result = sandbox.RunForExport(user, sql);
                if (!result.Succeeded)
                {
                    return Results.Text(result.Error, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
                }

                return Csv.File("query", result.Columns.Select(c => c.Name).ToList(), result.Rows);
            })
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles })
            .ExcludeFromDescription();
        return app;
    }
}
