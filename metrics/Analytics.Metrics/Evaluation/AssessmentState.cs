namespace Analytics.Metrics;

/// <summary>How far a period's assessment has come: only a final assessment carries a grade.</summary>
public enum AssessmentState
{
    /// <summary>已评定: every item of the period is scored; the total and grade are final.</summary>
    Final,

    /// <summary>暂计: judgement items are still pending; the total can still move within its reachable range.</summary>
    Provisional,

    /// <summary>本期不考核: nothing of the scheme is assessed in this period (an annual scheme viewed in a quarter).</summary>
    NotAssessed,
}

/// <summary>Chinese labels for <see cref="AssessmentState"/>.</summary>
public static class AssessmentStateText
{
    /// <summary>The stored and exported code of the state.</summary>
    public static string Code(this AssessmentState state) => state switch
    {
        AssessmentState.Final => "final",
        AssessmentState.Provisional => "provisional",
        _ => "not_assessed",
    };

    public static string Label(this AssessmentState state) => state switch
    {
        AssessmentState.Final => "已评定",
        AssessmentState.Provisional => "暂计",
        _ => "本期不考核",
    };
}
