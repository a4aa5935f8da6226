using System.Security.Claims;
using Analytics.Reports.Content;

namespace Analytics.Dashboard.Security;

/// <summary>
/// The districts a staff account may see (分管区): the whole city, or one or more district codes. District bureaus are
/// separate organisations, so a district leader or evaluator sees only their own districts' 街镇, scores, judgements,
/// findings, briefings and exports; another district's answer 404 (<see cref="DistrictScopeMiddleware"/>). Admins always
/// see the city. Stored in <c>app.users.districts</c> as <c>*</c> (city) or comma-separated codes, and carried in the
/// session as a claim: changing it gives the user a new security stamp, so the next request signs in again.
/// </summary>
public sealed record DistrictScope(IReadOnlySet<string>? Codes)
{
    public const string ClaimType = "analytics:districts";
    public const string CityValue = "*";

    public static readonly DistrictScope City = new((IReadOnlySet<string>?)null);

    public bool IsCity => Codes is null;

    public bool Allows(string districtCode) => Codes is null || Codes.Contains(districtCode);

    /// <summary>Whether a 街镇 code (<c>310117/岳阳街道</c>) lies in one of the districts.</summary>
    public bool AllowsTown(string townCode) => Allows(townCode.Split('/', 2)[0]);

    /// <summary>The stored form: <c>*</c> or the codes in order, comma-separated.</summary>
    public string Stored => Codes is null ? CityValue : string.Join(",", Codes.Order(StringComparer.Ordinal));

    /// <summary>In words for the admin table: 全市, or the district names.</summary>
    public string Label => Codes is null
        ? "全市"
        : Codes.Count == 0 ? "（未分配）" : string.Join("、", Codes.Order(StringComparer.Ordinal).Select(NameOf));

    /// <summary>
    /// The stored form read back; NULL is an account from before scoping, which saw the whole city and keeps doing so
    /// until an admin assigns its districts.
    /// </summary>
    public static DistrictScope Parse(string? stored) =>
        stored is null || stored.Trim() == CityValue
            ? City
            : new DistrictScope(stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal));

    /// <summary>The given district codes, each one of the districts with a rubric; null when one is unknown.</summary>
    public static DistrictScope? Of(IEnumerable<string> codes)
    {
        var set = codes.ToHashSet(StringComparer.Ordinal);
        return set.All(c => RubricChoice.Districts.Any(d => d.Code == c)) ? new DistrictScope(set) : null;
    }

    /// <summary>
    /// The signed-in user's scope: the city for admins, else the session's claim. A session without the claim (signed in
    /// before scoping existed) sees nothing; <see cref="SessionValidation"/> ends such sessions.
    /// </summary>
    public static DistrictScope For(ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Admin))
        {
            return City;
        }

        return user.FindFirst(ClaimType)?.Value is { } value ? Parse(value) : new DistrictScope(new HashSet<string>());
    }

    public static string NameOf(string code) => RubricChoice.Districts.FirstOrDefault(d => d.Code == code)?.Name ?? code;
}
