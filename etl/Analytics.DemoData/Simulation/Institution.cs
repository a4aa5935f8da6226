namespace Analytics.DemoData.Simulation;

/// <summary>A care institution with its beds and staff; dementia beds appear from <see cref="DementiaFrom"/>.</summary>
public sealed class Institution
{
    public required long Id { get; init; }
    public required int TownIndex { get; init; }
    public required string Name { get; init; }
    public required bool CareHome { get; init; }
    public required bool Public { get; init; }
    public required DateOnly Opened { get; init; }
    public required int Beds { get; init; }
    public required double NursingShare { get; init; }
    public required int DementiaBeds { get; init; }
    public required DateOnly DementiaFrom { get; init; }
    public required double Occupancy { get; init; }
    public List<StaffMember> Staff { get; } = [];

    public int DementiaBedsOn(DateOnly day) => day >= DementiaFrom ? DementiaBeds : 0;
}
