using Analytics.DemoData.Model;

namespace Analytics.DemoData.Simulation;

/// <summary>Simulates a town's recipients month by month so stocks track the calibrated targets and people enter and exit.</summary>
public sealed class AssistanceSimulator(PersonFactory people, double volume)
{
    // Stock categories: calibrated year-end count, annual growth, monthly exit probability.
    private static readonly (AssistanceCategory Category, int Base, double Growth, double ExitRate)[] Stocks =
    [
        (AssistanceCategory.Dibao, Calibration.DibaoYearEnd, 0.015, 0.010),
        (AssistanceCategory.LowIncome, Calibration.LowIncomeYearEnd, 0.03, 0.012),
        (AssistanceCategory.SevereDisability, Calibration.SevereDisabilityYearEnd, 0.02, 0.005),
        (AssistanceCategory.Tekun, Calibration.TekunYearEnd, 0.02, 0.006),
        (AssistanceCategory.ExpenditurePoverty, Calibration.ExpenditurePovertyYearEnd, 0.06, 0.0),
    ];

    /// <summary>Runs the simulation from <paramref name="firstMonth"/> to <paramref name="lastMonth"/>; <paramref name="temporaryFactor"/> multiplies 临时救助 in given months (an injected spike).</summary>
    public AssistanceRoster Simulate(TownProfile town, long seed, int firstMonth, int lastMonth, IReadOnlyDictionary<int, double> temporaryFactor)
    {
        var random = FastRandom.For(seed, town.Index, 101);
        var roster = new AssistanceRoster();
        var active = new List<Recipient>[Stocks.Length];
        for (var s = 0; s < Stocks.Length; s++)
        {
            active[s] = [];
            var target = Target(town, Stocks[s].Base, Stocks[s].Growth, firstMonth);
            for (var i = 0; i < target; i++)
            {
                var start = Months.Day(firstMonth - 1 - random.Next(Stocks[s].Category == AssistanceCategory.ExpenditurePoverty ? 5 : 96), random.Next(1, 29));
                active[s].Add(Enrol(town, roster, Stocks[s].Category, start, ref random, withEvents: false));
            }
        }
        for (var month = firstMonth; month <= lastMonth; month++)
        {
            for (var s = 0; s < Stocks.Length; s++) StepStock(town, roster, active[s], Stocks[s], month, ref random);
            roster.DibaoAtMonthEnd[month] = active[0].Count;
            AddTemporary(town, roster, month, temporaryFactor.GetValueOrDefault(month, 1.0), ref random);
            if (Months.CalendarMonth(month) == 1) AddFestival(town, roster, active, month, ref random);
            AddPeriodicReviews(town, roster, active, month, ref random);
        }
        return roster;
    }

    private int Target(TownProfile town, int calibrated, double growth, int month) =>
        (int)Math.Round(calibrated * town.Weight * volume * Months.Growth(month, growth));

    private void StepStock(TownProfile town, AssistanceRoster roster, List<Recipient> active,
        (AssistanceCategory Category, int Base, double Growth, double ExitRate) stock, int month, ref FastRandom random)
    {
        var monthEnd = Months.LastDay(month);
        for (var i = active.Count - 1; i >= 0; i--)
        {
            var r = active[i];
            var due = stock.Category == AssistanceCategory.ExpenditurePoverty
                ? month - r.StartMonth >= 3 + (int)(r.Id % 4)
                : random.Chance(stock.ExitRate);
            if (due) Exit(town, roster, active, i, monthEnd, ref random);
        }
        var target = Target(town, stock.Base, stock.Growth, month);
        while (active.Count > target) Exit(town, roster, active, random.Next(active.Count), monthEnd, ref random);
        while (active.Count < target)
            active.Add(Enrol(town, roster, stock.Category, Months.Day(month, random.Next(1, 29)), ref random, withEvents: true));
    }

    private void Exit(TownProfile town, AssistanceRoster roster, List<Recipient> active, int index, DateOnly end, ref FastRandom random)
    {
        var r = active[index];
        r.End = end;
        active[index] = active[^1];
        active.RemoveAt(active.Count - 1);
        roster.Events.Add(new CaseEvent(r.Id, r.Category, CaseEventType.Exit, end, null));
        var visitDue = end.AddDays(30);
        var late = random.Chance(0.01 + (1 - town.Quality) * 0.1);
        roster.Events.Add(new CaseEvent(r.Id, r.Category, CaseEventType.FollowUpVisit,
            late ? visitDue.AddDays(random.Next(3, 40)) : end.AddDays(random.Next(3, 29)), visitDue));
    }

    private Recipient Enrol(TownProfile town, AssistanceRoster roster, AssistanceCategory category, DateOnly start, ref FastRandom random, bool withEvents)
    {
        var (from, to) = PersonFactory.BirthYears(category);
        var id = roster.NextId(town);
        var amount = category switch
        {
            AssistanceCategory.Dibao => random.Next(600, 1421) * 100,
            AssistanceCategory.SevereDisability => random.Next(900, 1421) * 100,
            AssistanceCategory.Tekun => random.Next(1800, 2400) * 100,
            AssistanceCategory.ExpenditurePoverty => random.Next(500, 1500) * 100,
            AssistanceCategory.TemporaryAssistance => random.Next(10, 150) * 10_000,
            AssistanceCategory.HardshipRelief => (random.Chance(0.5) ? 400 : 600) * 100,
            _ => 0,
        };
        var recipient = new Recipient
        {
            Id = id,
            Category = category,
            Name = people.Name(ref random),
            CitizenId = PersonFactory.CitizenIdFor(town.District.Code, from, to, ref random),
            HouseholdId = id,
            HouseholdSize = 1 + random.Next(4),
            Start = start,
            AmountCents = amount,
            // Every dibao recipient should be insured (长宁: 100% 参保); towns of low quality miss a few.
            Insured = !random.Chance((1 - town.Quality) * 0.01),
            Centralised = category == AssistanceCategory.Tekun && random.Chance(0.35),
        };
        if (category != AssistanceCategory.HardshipRelief) roster.Recipients.Add(recipient);
        if (withEvents && category != AssistanceCategory.HardshipRelief)
        {
            var applied = start.AddDays(-random.Next(20, 45));
            roster.Events.Add(new CaseEvent(id, category, CaseEventType.Application, applied, null));
            roster.Events.Add(new CaseEvent(id, category, CaseEventType.Review, applied.AddDays(random.Next(5, 15)), null));
            roster.Events.Add(new CaseEvent(id, category, CaseEventType.Approval, start, null));
            if (random.Chance(0.15))
            {
                // A rejected applicant: never a recipient, so only the application and the rejection exist.
                var rejectedId = roster.NextId(town);
                roster.Events.Add(new CaseEvent(rejectedId, category, CaseEventType.Application, applied, null));
                roster.Events.Add(new CaseEvent(rejectedId, category, CaseEventType.Rejection, start, null));
            }
        }
        return recipient;
    }

    private void AddTemporary(TownProfile town, AssistanceRoster roster, int month, double factor, ref FastRandom random)
    {
        // 临时救助 peaks around the Spring Festival: Q1 months carry 1.6× the monthly mean, the rest 0.8×.
        var season = Months.CalendarMonth(month) <= 3 ? 1.6 : 0.8;
        var count = random.Poisson(Calibration.TemporaryAssistanceCases / 12.0 * town.Weight * volume * Months.FlowGrowth(month, 0.08) * season * factor);
        for (var i = 0; i < count; i++)
        {
            var day = Months.Day(month, random.Next(1, 29));
            var r = Enrol(town, roster, AssistanceCategory.TemporaryAssistance, day, ref random, withEvents: true);
            r.End = day;
        }
    }

    private void AddFestival(TownProfile town, AssistanceRoster roster, List<Recipient>[] active, int month, ref FastRandom random)
    {
        var onRoster = 0;
        foreach (var list in active) onRoster += list.Count;
        var target = (int)Math.Round(Calibration.FestivalReliefCases * town.Weight * volume * Math.Pow(1.02, Months.Year(month) - Calibration.AnchorYear));
        var fromPool = Math.Max(0, target - onRoster);
        while (roster.HardshipPool.Count < fromPool)
        {
            var r = Enrol(town, roster, AssistanceCategory.HardshipRelief, Months.FirstDay(month), ref random, withEvents: false);
            roster.HardshipPool.Add(r);
        }
        roster.FestivalPoolUsed[Months.Year(month)] = fromPool;
    }

    private static void AddPeriodicReviews(TownProfile town, AssistanceRoster roster, List<Recipient>[] active, int month, ref FastRandom random)
    {
        var lateChance = 0.01 + (1 - town.Quality) * 0.08;
        foreach (var list in active)
        {
            foreach (var r in list)
            {
                // Annual re-review in the anniversary month; 支出型贫困 is time-limited and not re-reviewed.
                if (r.Category == AssistanceCategory.ExpenditurePoverty || r.StartMonth >= month || (month - r.StartMonth) % 12 != 0) continue;
                var due = Months.LastDay(month);
                var date = random.Chance(lateChance) ? due.AddDays(random.Next(3, 45)) : due.AddDays(-random.Next(0, 25));
                roster.Events.Add(new CaseEvent(r.Id, r.Category, CaseEventType.PeriodicReview, date, due));
            }
        }
    }
}
