namespace Analytics.Dashboard.Components.Shared;

/// <summary>
/// Whether a <c>[StreamRendering]</c> page may answer with its loading state first and stream the content after it. Only a
/// signed-in browser loads blazor.web.js, which puts the streamed content in place; every other client (a script, a test,
/// the benchmark, a browser without the script) gets the finished page in one answer, with nothing left in templates.
/// </summary>
public static class StreamedPage
{
    public static bool Allowed(HttpContext? http) =>
        http is not null
        && http.User.Identity?.IsAuthenticated == true
        && http.Request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
