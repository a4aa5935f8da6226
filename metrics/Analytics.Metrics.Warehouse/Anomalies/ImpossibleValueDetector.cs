using Analytics.Metrics.Warehouse.Indicators;

namespace Analytics.Metrics.Warehouse.Anomalies;

/// <summary>不可能的数值: negative figures, and shares that cannot exceed 100% (a part larger than its whole).</summary>
public sealed class ImpossibleValueDetector : IAnomalyDetector
{
    /// <summary>Indicators whose numerator is a subset of the denominator.</summary>
    public static readonly IReadOnlySet<string> Bounded = new HashSet<string>
    {
        "hedui.overdue_rate", "hedui.civil_overdue_rate", "hedui.housing_overdue_rate", "hedui.return_rate", "hedui.civil_return_rate",
        "hedui.housing_return_rate", "hedui.training_rate", "eldercare.nursing_bed_share", "eldercare.certificate_rate", "eldercare.skill_certificate_rate",
        "eldercare.care_worker_certificate_rate", "eldercare.care_worker_skill_rate", "eldercare.care_worker_senior_rate", "eldercare.cloud_supervised_rate",
        "socorg.rated_rate", "socorg.rated_3a_plus_rate", "socorg.evaluation_participation_rate", "socorg.inspection_rate",
        "children.supervisor_training_rate", "children.supervisor_social_work_rate",
    };

    public IEnumerable<AnomalyFlag> Detect(AnomalyContext context)
    {
        foreach (var indicator in IndicatorCatalog.All)
        {
            var bounded = Bounded.Contains(indicator.Code);
            foreach (var (town, series) in context.Series(indicator.Code))
            {
                foreach (var p in series)
                {
                    if (p.Value is not { } v || (v >= 0 && (!bounded || v <= 100m)))
                    {
                        continue;
                    }

                    var why = v < 0 ? "为负数" : "超过 100%（部分大于总数）";
                    yield return context.TownFlag(AnomalyKinds.ImpossibleValue, Severity.High, town, p.Period, indicator.Code, v, null, (double)v,
                        new Dictionary<string, object?> { ["value"] = v },
                        $"{p.Period} {indicator.NameZh} {v:0.##}{indicator.Unit}{why}，数据有误");
                }
            }
        }
    }
}
