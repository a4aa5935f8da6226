namespace Analytics.Dashboard.Security;

/// <summary>The roles of signed-in users; the public needs no account.</summary>
public static class Roles
{
    public const string Leader = "leader";
    public const string Analyst = "analyst";
    public const string Evaluator = "evaluator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Leader, Analyst, Evaluator, Admin];

    public static string Label(string role) => role switch
    {
        Leader => "局领导",
        Analyst => "分析员",
        Evaluator => "考核员",
        Admin => "管理员",
        _ => role,
    };
}
