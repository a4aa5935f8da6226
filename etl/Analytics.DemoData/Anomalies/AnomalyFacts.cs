using Analytics.DemoData.Simulation;
using Analytics.DemoData.Writers;
using Analytics.Sources;

namespace Analytics.DemoData.Anomalies;

/// <summary>Fills in each planned anomaly's baseline and observed value from the simulated state, before any file is written.</summary>
public static class AnomalyFacts
{
    public static void Resolve(GenerationContext context)
    {
        foreach (var anomaly in context.Plan.Anomalies.ToList())
        {
            var town = context.Towns[anomaly.TownIndex];
            var quarter = Quarter.Parse(anomaly.Quarter);
            switch (anomaly.Kind)
            {
                case AnomalyKind.LedgerMismatch:
                {
                    var system = context.Rosters[town.Index].DibaoAtMonthEnd[Months.Last(quarter)];
                    var delta = Math.Max(12, (int)Math.Round(system * 0.12));
                    context.Plan.Update(anomaly, a => a with { Magnitude = delta, Baseline = system, Observed = system + delta });
                    break;
                }
                case AnomalyKind.SuddenSpike:
                {
                    var counts = context.Quarters.Select(q => (decimal)TemporaryCases(context, town.Index, q)).ToList();
                    var observed = TemporaryCases(context, town.Index, quarter);
                    var others = counts.Where((_, i) => context.Quarters[i] != quarter).DefaultIfEmpty(0m).Average();
                    context.Plan.Update(anomaly, a => a with { Baseline = Math.Round(others, 1), Observed = observed });
                    break;
                }
                case AnomalyKind.SuddenDrop:
                {
                    var baseline = QuarterMeals(context, town, quarter, 1.0);
                    var observed = QuarterMeals(context, town, quarter, (double)AnomalyPlan.DropFactor);
                    context.Plan.Update(anomaly, a => a with { Baseline = baseline, Observed = observed });
                    break;
                }
                case AnomalyKind.DuplicatePayments:
                    context.Plan.Update(anomaly, a => a with { Baseline = 0, Observed = AnomalyPlan.DuplicatedPayments });
                    break;
                case AnomalyKind.CertificateRateJump:
                    context.Plan.Update(anomaly, a => a with { Baseline = CertificateRate(context, town.Index, quarter.Previous()), Observed = CertificateRate(context, town.Index, quarter) });
                    break;
                case AnomalyKind.SubsidyInflation:
                {
                    var meals = ElderlyCareFiles.ProviderMeals(context, town, quarter).Select(m => m.Meals).ToList();
                    context.Plan.Update(anomaly, a => a with { Baseline = meals.Sum(), Observed = meals.Sum(m => m + m / 4) });
                    break;
                }
                case AnomalyKind.MissingSubmission:
                    context.Plan.Update(anomaly, a => a with { Baseline = 1, Observed = 0 });
                    break;
            }
        }
    }

    private static int TemporaryCases(GenerationContext context, int townIndex, Quarter quarter)
    {
        var first = Months.First(quarter);
        return context.Rosters[townIndex].Recipients.Count(r =>
            r.Category == AssistanceCategory.TemporaryAssistance && r.StartMonth >= first && r.StartMonth <= first + 2);
    }

    private static decimal QuarterMeals(GenerationContext context, Model.TownProfile town, Quarter quarter, double factor)
    {
        var random = FastRandom.For(context.Seed, town.Index, 601, quarter.Ordinal);
        var total = 0;
        for (var month = Months.First(quarter); month <= Months.Last(quarter); month++)
            total += ElderlyCareFiles.TownMeals(context, town, month, ref random, factor);
        return total;
    }

    /// <summary>持证率 of a town's institution staff at a quarter end, in percent with one decimal, as the staff file will show it.</summary>
    private static decimal CertificateRate(GenerationContext context, int townIndex, Quarter quarter)
    {
        var town = context.Towns[townIndex];
        var share = ElderlyCareFiles.CertificateShare(context, town, quarter);
        int staff = 0, certified = 0;
        foreach (var i in context.ElderlyCare.Institutions)
        {
            if (i.TownIndex != townIndex || i.Opened > quarter.LastDay) continue;
            foreach (var s in i.Staff)
            {
                if (s.Hired > quarter.LastDay) continue;
                staff++;
                if (s.CertificateDraw < share) certified++;
            }
        }
        return staff == 0 ? 0 : Math.Round(100m * certified / staff, 1);
    }
}
