namespace Analytics.DemoData.Simulation;

/// <summary>A registered social organisation; <see cref="Rank"/> (uniform in [0,1)) decides rating and grade so rates hit their targets closely.</summary>
public sealed class SocialOrganisation
{
    public required string Id { get; init; }
    public required int TownIndex { get; init; }
    public required string Name { get; init; }
    public required bool SocialGroup { get; init; }
    public required DateOnly Registered { get; init; }
    public DateOnly? Cancelled { get; set; }
    public required double Rank { get; init; }
    public required double InspectionDraw { get; init; }
    public required bool EvaluationDue { get; init; }
    public required double ParticipationDraw { get; init; }
}
