using Analytics.Metrics.Loading;

namespace Analytics.Metrics.Rules;

/// <summary>What a rule type is built from: the item's YAML parameters, input roles and maximum; collects load errors.</summary>
internal sealed class RuleSpec(
    string itemCode,
    ParamsDocument parameters,
    IReadOnlyDictionary<string, string> inputs,
    decimal maximum,
    SectionKind sectionKind,
    Action<string> error)
{
    public string ItemCode { get; } = itemCode;
    public ParamsDocument P { get; } = parameters;
    public IReadOnlyDictionary<string, string> Inputs { get; } = inputs;
    public decimal Maximum { get; } = maximum;
    public SectionKind SectionKind { get; } = sectionKind;

    public void Error(string message) => error(message);

    public bool HasRole(string role) => Inputs.ContainsKey(role);

    /// <summary>Reports every listed role that the item's `inputs:` map lacks.</summary>
    public bool RequireRoles(params string[] roles)
    {
        var ok = true;
        foreach (var role in roles.Where(r => !Inputs.ContainsKey(r)))
        {
            Error($"缺少输入角色 {role} (missing input role '{role}' in inputs:)");
            ok = false;
        }

        return ok;
    }

    public decimal Require(decimal? value, string name, bool positive = true)
    {
        if (value is null)
        {
            Error($"缺少参数 {name} (missing parameter '{name}')");
            return 0m;
        }

        if (positive && value <= 0m)
        {
            Error($"参数 {name} 必须大于 0 (parameter '{name}' must be > 0)");
        }

        return value.Value;
    }

    /// <summary>Reads the policy for a rate whose denominator is zero; "full" unless the rubric says "zero".</summary>
    public bool NoCasesScoresFull() => Choice(P.WhenNoCases, "when_no_cases", "full", "full", "zero") == "full";

    public string Choice(string? value, string name, string fallback, params string[] allowed)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!allowed.Contains(value))
        {
            Error($"参数 {name} 取值 {value} 无效，应为 {string.Join("/", allowed)} (invalid value for '{name}')");
            return fallback;
        }

        return value;
    }
}
