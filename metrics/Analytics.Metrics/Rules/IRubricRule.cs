namespace Analytics.Metrics.Rules;

/// <summary>A scoring rule type: turns an item's inputs into a score and a Chinese explanation.</summary>
public interface IRubricRule
{
    /// <summary>The YAML name of the rule type, e.g. "threshold_step".</summary>
    string Type { get; }

    /// <summary>Chinese one-line statement of the rule, for `rubric show`.</summary>
    string Describe(decimal maximum);

    RuleOutcome Evaluate(RuleContext context);
}

/// <summary>What a rule returns for one item.</summary>
public sealed record RuleOutcome(decimal Score, ItemStatus Status, string Explanation, TargetProgress? Target = null);
