using System.Globalization;
using System.Security.Claims;
using Analytics.Dashboard.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Analytics.Dashboard.Security;

/// <summary>
/// Checked on every signed-in request: the cookie's security stamp must still be the user's (sign-out, a role or
/// password change and an admin's 会话全部下线 give the user a new one, ending every session at once), and the session
/// must be younger than <see cref="AnalyticsOptions.SessionAbsoluteHours"/> since the password was entered, however
/// often the sliding expiry renewed the cookie. The session carries the user's districts (<see cref="DistrictScope"/>);
/// changing them changes the stamp too.
/// </summary>
public static class SessionValidation
{
    public const string StampClaim = "analytics:stamp";
    public const string SignedInAtClaim = "analytics:signed-in-at";

    /// <summary>The claims of a new session of <paramref name="user"/>.</summary>
    public static ClaimsPrincipal Principal(AppUser user, string stamp, DateTimeOffset now)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Username),
            new(StampClaim, stamp),
            new(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new(DistrictScope.ClaimType, user.Districts.Stored),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var absolute = TimeSpan.FromHours(services.GetRequiredService<IOptions<AnalyticsOptions>>().Value.SessionAbsoluteHours);
        var principal = context.Principal;
        var name = principal?.Identity?.Name;
        var stamp = principal?.FindFirst(StampClaim)?.Value;
        var signedInAt = long.TryParse(principal?.FindFirst(SignedInAtClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        // A session from before district scoping carries no districts: it signs in again to get them.
        var valid = name is not null && stamp is not null && principal!.HasClaim(c => c.Type == DistrictScope.ClaimType) && signedInAt is { } at && now - at <= absolute && now >= at
            && string.Equals(users.CurrentStamp(name), stamp, StringComparison.Ordinal);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
