namespace Analytics.DemoData.Simulation;

/// <summary>Assistance categories in the order of <c>SourceCatalog.AssistanceCategories</c> (their codes are that list's codes).</summary>
public enum AssistanceCategory : byte
{
    Dibao,
    LowIncome,
    Tekun,
    ExpenditurePoverty,
    TemporaryAssistance,
    SevereDisability,
    HardshipRelief,
}
