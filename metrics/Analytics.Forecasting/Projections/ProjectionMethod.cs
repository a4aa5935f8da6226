namespace Analytics.Forecasting.Projections;

/// <summary>How a year-end projection is made: today's straight line, or one of the regression models.</summary>
public enum ProjectionMethod
{
    RunRate,
    FastTree,
    LightGbm,
    Poisson,
}

public static class ProjectionMethods
{
    public static IReadOnlyList<ProjectionMethod> Models { get; } = [ProjectionMethod.FastTree, ProjectionMethod.LightGbm, ProjectionMethod.Poisson];

    /// <summary>The 方法 line shown beside a projection.</summary>
    public static string Label(this ProjectionMethod method) => method switch
    {
        ProjectionMethod.RunRate => "线性推算（截至本期 × 4 ÷ 已过季度数）",
        ProjectionMethod.FastTree => "FastTree 梯度提升树回归（季度、截至本期值、上年同期进度、区与街镇类型）",
        ProjectionMethod.LightGbm => "LightGBM 梯度提升树回归（季度、截至本期值、上年同期进度、区与街镇类型）",
        _ => "泊松回归（季度、截至本期值、上年同期进度、区与街镇类型）",
    };

    /// <summary>The method's short name in a 方法 sentence.</summary>
    public static string Name(this ProjectionMethod method) => method switch
    {
        ProjectionMethod.RunRate => "按季度均速外推",
        ProjectionMethod.FastTree => "FastTree 梯度提升树回归",
        ProjectionMethod.LightGbm => "LightGBM 梯度提升树回归",
        _ => "泊松回归",
    };

    public static string Code(this ProjectionMethod method) => method switch
    {
        ProjectionMethod.RunRate => "run_rate",
        ProjectionMethod.FastTree => "fasttree",
        ProjectionMethod.LightGbm => "lightgbm",
        _ => "poisson",
    };
}
