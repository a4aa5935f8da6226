using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Analytics.Dashboard.Security;

/// <summary>POST /account/signin and /account/signout: form posts from the login page and the layout, antiforgery checked.</summary>
public static class AccountEndpoints
{
    public const string LoginRateLimitPolicy = "login";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/signin", async (HttpContext http, UserStore users, AuditLog audit,
                [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl) =>
            {
                username = username?.Trim() ?? "";
                var target = SafeReturnUrl(returnUrl);
                if (username.Length == 0 || string.IsNullOrEmpty(password))
                {
                    return Results.Redirect(LoginUrl("invalid", target));
                }

                var (outcome, user) = users.CheckPassword(username, password);
                var client = http.Connection.RemoteIpAddress?.ToString();
                switch (outcome)
                {
                    case SignInOutcome.Succeeded when user is not null:
                        var claims = new List<Claim> { new(ClaimTypes.Name, user.Username) };
                        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
                        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
                        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
                        audit.Record(user.Username, "login", client);
                        return Results.Redirect(target);
                    case SignInOutcome.LockedOut:
                        audit.Record(username, "login-locked-out", client);
                        return Results.Redirect(LoginUrl("locked", target));
                    default:
                        audit.Record(username, "login-failed", client);
                        return Results.Redirect(LoginUrl("invalid", target));
                }
            })
            .RequireRateLimiting(LoginRateLimitPolicy)
            .AllowAnonymous()
            .ExcludeFromDescription();

        endpoints.MapPost("/account/signout", async (HttpContext http, AuditLog audit, IAntiforgery antiforgery) =>
            {
                // No form field is bound here, so the antiforgery check is made explicitly.
                if (!await antiforgery.IsRequestValidAsync(http))
                {
                    return Results.BadRequest();
                }

                if (http.User.Identity?.IsAuthenticated == true)
                {
                    audit.Record(http.User.Identity.Name, "logout");
                }

                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.Redirect("/");
            })
            .ExcludeFromDescription();

        return endpoints;
    }

    /// <summary>Only local paths: a login never redirects to another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static string LoginUrl(string error, string returnUrl) =>
        $"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
