namespace Analytics.DemoData.Simulation;

/// <summary>A case event of the assistance system; types are indexes into <c>SourceCatalog.CaseEventTypes</c>.</summary>
public readonly record struct CaseEvent(long RecipientId, AssistanceCategory Category, CaseEventType Type, DateOnly Date, DateOnly? Due);

/// <summary>Case event types, in the catalog's order.</summary>
public enum CaseEventType : byte
{
    Application,
    Review,
    Approval,
    Rejection,
    PeriodicReview,
    Exit,
    FollowUpVisit,
}
