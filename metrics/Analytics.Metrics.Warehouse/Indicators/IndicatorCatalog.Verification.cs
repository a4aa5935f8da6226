namespace Analytics.Metrics.Warehouse.Indicators;

public static partial class IndicatorCatalog
{
    private static IEnumerable<Indicator> Verification() =>
    [
        new("hedui.submitted", "核对委托户次", "means-verification requests", "户次", Up, "核对", "hedui.submitted", WatchChanges: true),
        new("hedui.overdue_rate", "核对超期率", "verification overdue rate", "%", Down, "核对", "hedui.overdue", "hedui.due", 100m),
        new("hedui.civil_overdue_rate", "民政救助类核对超期率", "civil-assistance verification overdue rate", "%", Down, "核对", "hedui.civil_overdue", "hedui.civil_total", 100m),
        new("hedui.housing_overdue_rate", "住房保障类核对超期率", "housing verification overdue rate", "%", Down, "核对", "hedui.housing_overdue", "hedui.housing_total", 100m),
        new("hedui.return_rate", "核对市级退回率", "verification city return rate", "%", Down, "核对", "hedui.returned", "hedui.submitted", 100m),
        new("hedui.civil_return_rate", "民政救助类核对退回率", "civil-assistance verification return rate", "%", Down, "核对", "hedui.civil_returned", "hedui.civil_submitted", 100m),
        new("hedui.housing_return_rate", "住房保障类核对退回率", "housing verification return rate", "%", Down, "核对", "hedui.housing_returned", "hedui.housing_submitted", 100m),
        new("hedui.certified_verifiers", "持证核对员数", "certified verifiers in post", "名", Up, "核对", "hedui.certified_verifiers"),
        new("hedui.trained_verifiers", "受培训核对员数", "trained verifiers in post", "名", Up, "核对", "hedui.trained_verifiers"),
        new("hedui.training_rate", "核对员参训率", "verifier training attendance rate", "%", Up, "核对", "hedui.training_attended", "hedui.training_required", 100m),
        new("hedui.incomplete_applications", "申请材料不符合要求例数", "incomplete applications", "例", Down, "核对", "hedui.incomplete_applications"),
    ];
}
