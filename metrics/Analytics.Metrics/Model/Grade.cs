namespace Analytics.Metrics;

/// <summary>Evaluation grade (等级).</summary>
public enum Grade
{
    Excellent,
    Good,
    Pass,
    Fail,
}

/// <summary>Minimum points for each grade on the rubric's full-score scale; below <see cref="Pass"/> is 不合格.</summary>
public sealed record GradeThresholds(decimal Excellent, decimal Good, decimal Pass)
{
    public static GradeThresholds Default { get; } = new(90m, 80m, 60m);

    /// <summary>
    /// Grades <paramref name="points"/> out of <paramref name="maximum"/>. Thresholds are stated for the
    /// rubric's full score, so a period with fewer assessed points (a quarter without the annual items)
    /// is compared proportionally; cross-multiplying keeps the comparison exact.
    /// </summary>
    public Grade Classify(decimal points, decimal maximum, decimal fullScore)
    {
        if (maximum <= 0m)
        {
            return Grade.Fail;
        }

        bool AtLeast(decimal threshold) => points * fullScore >= threshold * maximum;
        if (AtLeast(Excellent))
        {
            return Grade.Excellent;
        }

        if (AtLeast(Good))
        {
            return Grade.Good;
        }

        return AtLeast(Pass) ? Grade.Pass : Grade.Fail;
    }
}

/// <summary>Chinese labels for <see cref="Grade"/>.</summary>
public static class GradeText
{
    public static string Label(this Grade grade) => grade switch
    {
        Grade.Excellent => "优秀",
        Grade.Good => "良好",
        Grade.Pass => "合格",
        _ => "不合格",
    };
}
