namespace Analytics.DemoData.Simulation;

/// <summary>One person on a town's assistance roster, from the start to the end of the benefit.</summary>
public sealed class Recipient
{
    public required long Id { get; init; }
    public required AssistanceCategory Category { get; init; }
    public required string Name { get; init; }
    public required string CitizenId { get; init; }
    public required long HouseholdId { get; init; }
    public required int HouseholdSize { get; init; }
    public required DateOnly Start { get; init; }

    /// <summary>Last day of the benefit; <see cref="DateOnly.MaxValue"/> while still open.</summary>
    public DateOnly End { get; set; } = DateOnly.MaxValue;

    /// <summary>Monthly amount in cents at the anchor (uprated each July); one-off amount for one-off categories.</summary>
    public required int AmountCents { get; init; }

    public required bool Insured { get; init; }

    /// <summary>Only for tekun: true when centrally supported (集中供养).</summary>
    public bool Centralised { get; init; }

    public int StartMonth => Simulation.Months.Of(Start);

    public int EndMonth => End == DateOnly.MaxValue ? int.MaxValue : Simulation.Months.Of(End);

    public bool ActiveIn(int month) => StartMonth <= month && month <= EndMonth;

    public bool ActiveBetween(DateOnly first, DateOnly last) => Start <= last && End >= first;

    /// <summary>Paid every month (低保, 重残无业, 特困, 支出型贫困); 低收入 get no monthly payment here.</summary>
    public bool PaidMonthly => Category is AssistanceCategory.Dibao or AssistanceCategory.SevereDisability
        or AssistanceCategory.Tekun or AssistanceCategory.ExpenditurePoverty;
}
