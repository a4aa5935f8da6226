using Analytics.DemoData.Model;

namespace Analytics.DemoData.Simulation;

/// <summary>A town's assistance history over the generated months: every recipient, festival beneficiary and case event.</summary>
public sealed class AssistanceRoster
{
    public List<Recipient> Recipients { get; } = [];

    /// <summary>The persistent 帮困 pool (people helped only by 帮困送温暖); the first <see cref="FestivalPoolUsed"/> entries are paid each year.</summary>
    public List<Recipient> HardshipPool { get; } = [];

    /// <summary>By year: how many of <see cref="HardshipPool"/> got the festival payment.</summary>
    public Dictionary<int, int> FestivalPoolUsed { get; } = [];

    public List<CaseEvent> Events { get; } = [];

    /// <summary>Active dibao recipients at each month's end, by month index (for the ledger's reported count).</summary>
    public Dictionary<int, int> DibaoAtMonthEnd { get; } = [];

    private long _nextSequence = 1;

    public long NextId(TownProfile town) => town.IdPrefix * 10_000_000 + _nextSequence++;
}
