using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// An error answer without a body (403, 404, 429 …) to a browser is shown as the styled Chinese page
/// <c>/error/{code}</c> in the site's layout, keeping its status and headers (429 keeps Retry-After). The request is run
/// again as a GET of that page, so an error after a form post does not re-enter the form's handling. A page that sets 404
/// itself (an unknown indicator, rubric or 街镇) is shown as this same page. The APIs, the
/// health checks and the OpenAPI document keep their machine-readable answers.
/// </summary>
public static class ErrorPages
{
    public const string PathPrefix = "/error/";

    /// <summary>Whether an error answer to this request becomes the styled page.</summary>
    public static bool Styled(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/healthz") && !request.Path.StartsWithSegments("/openapi");

    public static IApplicationBuilder UseStyledErrorPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (!Styled(http.Request))
            {
                return;
            }

            var status = http.Response.StatusCode;
            var (path, query, method) = (http.Request.Path, http.Request.QueryString, http.Request.Method);
            var routeValues = http.Features.Get<IRouteValuesFeature>()?.RouteValues;
            http.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature
            {
                OriginalPath = path,
                OriginalPathBase = http.Request.PathBase.Value!,
                OriginalQueryString = query.HasValue ? query.Value : null,
                Endpoint = http.GetEndpoint(),
                RouteValues = routeValues is null ? null : new Microsoft.AspNetCore.Routing.RouteValueDictionary(routeValues),
            });
            http.SetEndpoint(null);
            routeValues?.Clear();
            http.Request.Path = PathPrefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Request.QueryString = QueryString.Empty;
            http.Request.Method = HttpMethods.Get;

            // A page that answered 404 itself has already initialised this request's Blazor services (its navigation
            // manager cannot be initialised twice): the error page renders in a scope of its own.
            var services = http.RequestServices;
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            http.RequestServices = scope.ServiceProvider;
            try
            {
                await context.Next(http);
            }
            finally
            {
                http.RequestServices = services;
                http.Request.Path = path;
                http.Request.QueryString = query;
                http.Request.Method = method;
                http.Features.Set<IStatusCodeReExecuteFeature?>(null);
            }
        });
}
