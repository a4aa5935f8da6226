namespace Analytics.Sources.Catalog;

/// <summary>How a quarterly quantity rolls up to a year: flows add up, stocks take the last quarter's value.</summary>
public enum Aggregation
{
    /// <summary>Not a quantity (identifiers, text, dates).</summary>
    None,
    /// <summary>A count or amount within the quarter (培训场次, 发现违规例数); the year is the sum.</summary>
    Sum,
    /// <summary>A level at quarter end (在岗人数, 面积); the year is the Q4 value.</summary>
    Last,
    /// <summary>A worst case within the quarter (最长报灾时长); the year is the maximum.</summary>
    Max,
}
