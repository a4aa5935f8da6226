using System.Globalization;
using Analytics.Warehouse;
using Microsoft.AspNetCore.OutputCaching;

namespace Analytics.Dashboard.Hosting;

/// <summary>
/// Output caching of the public pages and the open-data API: anonymous GETs only (the framework's default policy
/// never caches a signed-in request or a response that sets a cookie), one entry per URL and data version.
/// </summary>
public static class PublicPageCache
{
    /// <summary>The policy name for <c>[OutputCache(PolicyName = ...)]</c> on public pages and <c>CacheOutput</c> on endpoints.</summary>
    public const string Policy = "public-data";

    // Public figures change only when a load commits, which changes the data version and so the cache key; the
    // expiry only bounds how long superseded entries take up memory.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services) =>
        services.AddOutputCache(o => o.AddPolicy(Policy, policy => policy
            .Expire(Lifetime)
            .VaryByValue(http => new KeyValuePair<string, string>("data-version",
                http.RequestServices.GetRequiredService<WarehouseDatabase>().DataVersion.ToString(CultureInfo.InvariantCulture)))));
}
