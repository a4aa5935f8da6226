namespace Analytics.Metrics.Warehouse.Findings;

/// <summary>One entry of the 督查发现台账: cases the bureau found in a 街镇 for one rubric item, and where it found them.</summary>
/// <param name="InputName">The rubric input the cases count towards (an item such as G2 has one per consequence).</param>
/// <param name="FoundBy">抽查 | 督查 | 审计 | 巡视 | 通报 (<see cref="FindingSources"/>).</param>
/// <param name="Withdrawn">A withdrawn finding stays in the register with its history but counts no cases.</param>
public sealed record Finding(long Id, string RubricId, string Period, string TownCode, string ItemCode, string InputName, DateOnly FoundOn,
    string FoundBy, int Cases, string Description, string Evidence, bool Withdrawn, string RecordedBy, DateTime RecordedAt,
    string ChangedBy, DateTime ChangedAt);

/// <summary>What a user enters for a finding (new, or the corrected values of an existing one).</summary>
/// <param name="InputName">Null: the item's only findings input.</param>
public sealed record FindingEntry(string TownCode, string ItemCode, string? InputName, DateOnly FoundOn, string FoundBy, int Cases,
    string Description, string Evidence);

/// <summary>The bureau has finished inspecting one item of a 街镇 for a period (已检查): no further cases means "nothing found".</summary>
public sealed record FindingInspection(string RubricId, string Period, string TownCode, string ItemCode, string ClosedBy, DateTime ClosedAt,
    string Reason);

/// <summary>One change to the register: add, correct or withdraw a finding, close or reopen an item's inspection.</summary>
/// <param name="OldValue">JSON of the finding (or inspection) before the change; null when added or closed.</param>
public sealed record FindingChange(long HistoryId, long? FindingId, string RubricId, string Period, string TownCode, string ItemCode,
    string Action, string? OldValue, string? NewValue, string ChangedBy, string Reason, DateTime ChangedAt);

/// <summary>Where a finding came from, as the notices name the bureau's checks (“检查、督查、审计、巡视…点名通报”).</summary>
public static class FindingSources
{
    public static IReadOnlyList<string> All { get; } = ["抽查", "督查", "审计", "巡视", "通报"];
}
