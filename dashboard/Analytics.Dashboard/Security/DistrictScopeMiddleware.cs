using Analytics.Metrics;
using Microsoft.Extensions.Primitives;

namespace Analytics.Dashboard.Security;

/// <summary>
/// Answers 404 — not 403, which would confirm that the thing exists — when a district-scoped staff user names another
/// district's rubric, district or 街镇 on a staff route (<see cref="ScopedPrefixes"/>), in the query or a posted form.
/// Runs after authorization, so signed-out and wrong-role requests keep their 401/403/redirect. What a page or export
/// shows without such a parameter (the default rubric, pickers, lists) is filtered by the same scope where it is built;
/// routes that name a document by id (briefing PDFs) check the document's district themselves.
/// </summary>
public sealed class DistrictScopeMiddleware(RequestDelegate next)
{
    /// <summary>The leader and evaluator pages and their APIs.</summary>
    public static readonly string[] ScopedPrefixes = ["/leader", "/evaluator", "/api/leader", "/api/evaluator"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && IsScoped(context.Request.Path))
        {
            var scope = DistrictScope.For(context.User);
            if (!scope.IsCity && (scope.Codes!.Count == 0 || !await AllowedAsync(context.Request, scope)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }

        await next(context);
    }

    public static bool IsScoped(PathString path) => ScopedPrefixes.Any(p => path.StartsWithSegments(p));

    private static async Task<bool> AllowedAsync(HttpRequest request, DistrictScope scope)
    {
        if (!Allowed(request.Query["rubric"], request.Query["district"], request.Query["town"], scope))
        {
            return false;
        }

        if (!request.HasFormContentType)
        {
            return true;
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        return Allowed(form["rubric"], form["district"], form["town"], scope);
    }

    private static bool Allowed(StringValues rubrics, StringValues districts, StringValues towns, DistrictScope scope) =>
        rubrics.All(id => string.IsNullOrEmpty(id) || RubricCatalog.Find(id) is not { } rubric || scope.Allows(rubric.District.Code))
        && districts.All(code => string.IsNullOrEmpty(code) || scope.Allows(code))
        && towns.All(code => string.IsNullOrEmpty(code) || scope.AllowsTown(code));
}
