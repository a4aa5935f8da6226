using Microsoft.AspNetCore.Authorization;

namespace Analytics.Dashboard.Security;

/// <summary>
/// Who may use the evaluator page: 考核员 and 管理员 read and write judgements; 局领导 may read (GET) only, so a leader's POST
/// is refused with 403 by authorization, before the page's form handler runs.
/// </summary>
public static class JudgementPolicy
{
    public const string Name = "judgements";

    public static void Add(AuthorizationOptions options) =>
        options.AddPolicy(Name, policy => policy.RequireAuthenticatedUser().RequireAssertion(Allowed));

    /// <summary>Whether a user with these roles may record a judgement.</summary>
    public static bool CanWrite(Func<string, bool> isInRole) => isInRole(Roles.Evaluator) || isInRole(Roles.Admin);

    private static bool Allowed(AuthorizationHandlerContext context)
    {
        if (CanWrite(context.User.IsInRole))
        {
            return true;
        }

        // The endpoint check sees the HttpContext and refuses a leader's write; the page's AuthorizeRouteView checks the
        // policy again with the route data as resource, once the endpoint check has passed.
        return context.User.IsInRole(Roles.Leader)
            && (context.Resource is not HttpContext http || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
    }
}
