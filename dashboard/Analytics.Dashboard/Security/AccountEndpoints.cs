using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;
using Analytics.Dashboard.Landing;

namespace Analytics.Dashboard.Security;

/// <summary>
/// POST /account/signin and /account/signout: form posts from the login page and the layout, antiforgery checked. A
/// failed sign-in always answers the same redirect, whether the name exists or not; repeated failures make later
/// attempts wait (<see cref="LoginThrottle"/>) rather than lock the account. The return URL passes only the framework's
/// own local-URL check. Signing out ends every session of the user (a new security stamp).
/// </summary>
public static class AccountEndpoints
{
    public const string LoginRateLimitPolicy = "login";
    public const string ThrottledAuditAction = "login-throttled";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/signin", async (HttpContext http, UserStore users, LoginThrottle throttle, AuditLog audit, TimeProvider clock, RoleLanding landing,
                [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl) =>
            {
                username = username?.Trim() ?? "";
                // Without a return URL of its own the user lands on the work of their first role (RoleLanding).
                var target = string.IsNullOrEmpty(returnUrl) ? null : SafeReturnUrl(http, returnUrl);
                if (username.Length == 0 || string.IsNullOrEmpty(password))
                {
                    return Results.Redirect(LoginUrl(target));
                }

                var client = http.Connection.RemoteIpAddress?.ToString();
                var wait = throttle.Delay(username, client);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, http.RequestAborted);
                }

                if (users.CheckPassword(username, password) is { } signedIn)
                {
                    throttle.RecordSuccess(username);
                    await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                        SessionValidation.Principal(signedIn.User, signedIn.Stamp, clock.GetUtcNow()));
                    audit.Record(signedIn.User.Username, "login", client);
                    return Results.LocalRedirect(target ?? landing.For(signedIn.User.Roles.Contains, []));
                }

                audit.Record(username, "login-failed", client);
                var next = throttle.RecordFailure(username, client);
                if (next > TimeSpan.Zero)
                {
                    audit.Record(username, ThrottledAuditAction,
                        $"client={client ?? "?"}; next attempt waits {next.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
                }

                return Results.Redirect(LoginUrl(target));
            })
            .RequireRateLimiting(LoginRateLimitPolicy)
            .AllowAnonymous()
            .ExcludeFromDescription();

        endpoints.MapPost("/account/signout", async (HttpContext http, AuditLog audit, UserStore users, IAntiforgery antiforgery) =>
            {
                // No form field is bound here, so the antiforgery check is made explicitly.
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return Results.BadRequest();
                }

                if (http.User.Identity is { IsAuthenticated: true, Name: { } name })
                {
                    users.EndSessions(name);
                    audit.Record(name, "logout");
                }

                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.Redirect("/");
            })
            .ExcludeFromDescription();

        return endpoints;
    }

    /// <summary>
    /// <paramref name="returnUrl"/> when the framework's local-URL check (the one behind <c>LocalRedirect</c>: a single
    /// leading slash, no <c>//</c> or <c>/\</c>, no control character such as a tab or newline) accepts it, else <c>/</c>.
    /// </summary>
    public static string SafeReturnUrl(HttpContext http, string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return "/";
        }

        var helper = new UrlHelper(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
        return helper.IsLocalUrl(returnUrl) && !returnUrl.StartsWith('~') ? returnUrl : "/";
    }

    private static string LoginUrl(string? returnUrl) =>
        returnUrl is null ? "/account/login?error=invalid" : $"/account/login?error=invalid&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
