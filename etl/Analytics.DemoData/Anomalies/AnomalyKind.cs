namespace Analytics.DemoData.Anomalies;

/// <summary>Kinds of anomaly the generator injects; the JSON names are the snake_case forms.</summary>
public enum AnomalyKind
{
    /// <summary>sudden_drop: a town's 助餐 counts fall to a fraction for one quarter.</summary>
    SuddenDrop,
    /// <summary>sudden_spike: a town's 临时救助 cases multiply for one quarter.</summary>
    SuddenSpike,
    /// <summary>ledger_mismatch: the ledger's 低保在册人数 differs from the system's count.</summary>
    LedgerMismatch,
    /// <summary>duplicate_payments: monthly payments paid twice (same recipient, month, amount; new payment id).</summary>
    DuplicatePayments,
    /// <summary>certificate_rate_jump: 持证率 of a town's institution staff jumps implausibly within one quarter.</summary>
    CertificateRateJump,
    /// <summary>missing_submission: a town's quarterly ledger was not submitted.</summary>
    MissingSubmission,
    /// <summary>
    /// subsidy_inflation (only with <see cref="DemoOptions.HardAnomalies"/>): every meal served in a town's quarter is
    /// claimed as subsidised. Both counts stay within their own normal ranges; only their ratio (normally 4 : 5) breaks.
    /// </summary>
    SubsidyInflation,
}
