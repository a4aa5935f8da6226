namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>Kinds of flag; the first six are the kinds the demo generator injects (ground_truth.json).</summary>
public static class AnomalyKinds
{
    public const string SuddenDrop = "sudden_drop";
    public const string SuddenSpike = "sudden_spike";
    public const string LedgerMismatch = "ledger_mismatch";
    public const string DuplicatePayments = "duplicate_payments";
    public const string CertificateRateJump = "certificate_rate_jump";
    public const string MissingSubmission = "missing_submission";
    public const string ImpossibleValue = "impossible_value";
    public const string PeerOutlier = "peer_outlier";

    /// <summary>亮点: far from its peers on the good side of the indicator's direction; worth learning from, not checking.</summary>
    public const string PeerHighlight = "peer_highlight";
    public const string TargetAtRisk = "target_at_risk";

    /// <summary>组合异常: indicators that together leave the pattern of the 街镇's district and type (RandomizedPca).</summary>
    public const string IndicatorCombination = "indicator_combination";

    /// <summary>Kinds that say "this record is wrong" and are scored against injected anomalies by <c>anomalies evaluate</c>.</summary>
    public static readonly IReadOnlySet<string> Evaluated = new HashSet<string>
    {
        SuddenDrop, SuddenSpike, LedgerMismatch, DuplicatePayments, CertificateRateJump, MissingSubmission, ImpossibleValue,
    };

    public static string Label(string kind) => kind switch
    {
        SuddenDrop => "骤降",
        SuddenSpike => "骤增",
        LedgerMismatch => "台账与系统不一致",
        DuplicatePayments => "重复发放",
        CertificateRateJump => "持证率异常跃升",
        MissingSubmission => "台账未报送",
        ImpossibleValue => "不可能的数值",
        PeerOutlier => "偏离同类街镇",
        PeerHighlight => "亮点",
        TargetAtRisk => "年度目标有风险",
        IndicatorCombination => "组合异常",
        _ => kind,
    };

    /// <summary>Whether the flag reports good news (亮点) rather than something to check (异常).</summary>
    public static bool IsHighlight(string kind) => kind == PeerHighlight;
}

/// <summary>Severity of a flag: high needs action this quarter, medium a look, low is informational.</summary>
public static class Severity
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    public static string Label(string severity) => severity switch { High => "高", Medium => "中", _ => "低" };
}

/// <summary>One anomaly flag with the numbers behind it and a Chinese sentence for the dashboard and briefing.</summary>
/// <param name="Score">The statistic that raised the flag: a ratio to baseline, a robust z-score, or a count.</param>
/// <param name="Message">The plain Chinese sentence a leader reads.</param>
/// <param name="Detail">The statistics behind the sentence (median, robust z …), shown as a detail line; null when the sentence says it all.</param>
public sealed record AnomalyFlag(
    string Kind,
    string Severity,
    string Level,
    string DistrictCode,
    string DistrictName,
    int? TownKey,
    string? TownName,
    string Period,
    string? IndicatorCode,
    decimal? Observed,
    decimal? Expected,
    double Score,
    IReadOnlyDictionary<string, object?> Numbers,
    string Message,
    string? Detail = null);

/// <summary>A town as the detectors see it.</summary>
public sealed record TownInfo(int TownKey, string DistrictCode, string DistrictName, string TownName, string TownType);
