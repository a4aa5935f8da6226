namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>
/// 持证率异常跃升: the staff certificate rate moves by 20 percentage points or more within one quarter, which staff
/// turnover cannot explain for institutions of at least 10 staff; usually a data fix or a paper exercise worth checking.
/// </summary>
public sealed class CertificateRateJumpDetector : IAnomalyDetector
{
    public const decimal Threshold = 20m;

    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        var staff = context.Series("eldercare.staff");
        foreach (var (town, series) in context.Series("eldercare.certificate_rate"))
        {
            var size = staff.GetValueOrDefault(town)?.ToDictionary(p => p.Period, p => p.Value) ?? [];
            foreach (var p in series)
            {
                if (p.Value is not { } rate || p.QoqPrevious is not { } before || Math.Abs(rate - before) < Threshold
                    || size.GetValueOrDefault(p.Period) is not { } n || n < 10)
                {
                    continue;
                }

                var change = rate - before;
                var numbers = new Dictionary<string, object?> { ["rate"] = rate, ["previous_rate"] = before, ["change_pp"] = change, ["staff"] = n };
                yield return context.TownFlag(AnomalyKinds.CertificateRateJump, Math.Abs(change) >= 30 ? Severity.High : Severity.Medium, town, p.Period,
                    "eldercare.certificate_rate", rate, before, (double)change, numbers,
                    $"{p.Period} 养老服务机构人员持证率由上季度 {before:0.#}% {(change > 0 ? "跃升" : "骤降")}至 {rate:0.#}%（{change:+0.#;-0.#} 个百分点，从业人员 {n:0} 人），请核实证书信息");
            }
        }
    }
}
