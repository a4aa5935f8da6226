using Analytics.DemoData.Anomalies;
using Analytics.DemoData.Simulation;
using Analytics.Sources;

namespace Analytics.DemoData.Writers;

/// <summary>Writes the 社会救助信息系统 extract of a quarter: recipients, payments and case events.</summary>
public static class AssistanceFiles
{
    private const long FestivalRosterCents = 80_000;

    public static void WriteRecipients(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "assistance", "recipients", quarter);
        var csv = writer.Csv;
        var first = quarter.FirstDay;
        var last = quarter.LastDay;
        foreach (var town in context.Towns)
        {
            var roster = context.Rosters[town.Index];
            foreach (var r in roster.Recipients)
            {
                if (!r.ActiveBetween(first, last)) continue;
                Row(csv, town, r, r.Start, r.End == DateOnly.MaxValue ? null : r.End, last);
            }
            if (quarter.Number != 1 || !roster.FestivalPoolUsed.TryGetValue(quarter.Year, out var used)) continue;
            // 帮困送温暖 beneficiaries outside the roster: listed in the quarter of their one-off payment.
            var january = new DateOnly(quarter.Year, 1, 1);
            for (var i = 0; i < used; i++) Row(csv, town, roster.HardshipPool[i], january, january.AddDays(30), last);
        }
    }

    private static void Row(CsvRowWriter csv, Model.TownProfile town, Recipient r, DateOnly start, DateOnly? end, DateOnly quarterEnd)
    {
        csv.Field(r.Id);
        csv.Raw(town.District.Code);
        csv.Field(town.Town.Name);
        csv.Raw(Codes.Category(r.Category));
        csv.Field(r.Name);
        csv.Raw(r.CitizenId);
        csv.Field(r.HouseholdId);
        csv.Field(r.HouseholdSize);
        csv.Field(start);
        csv.Field(end);
        csv.Raw(end is { } e && e <= quarterEnd ? "exited" : "active");
        csv.Field(r.Insured);
        csv.Raw(r.Category == AssistanceCategory.Tekun ? (r.Centralised ? "centralised" : "dispersed") : "");
        csv.EndRow();
    }

    public static void WritePayments(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "assistance", "payments", quarter);
        var csv = writer.Csv;
        var idBase = (quarter.Year * 10L + quarter.Number) * 100_000_000_000L;
        foreach (var town in context.Towns)
        {
            var roster = context.Rosters[town.Index];
            var sequence = idBase + town.Index * 100_000_000L;
            var duplicates = context.Plan.Find(AnomalyKind.DuplicatePayments, town.Index, quarter) is null ? 0 : AnomalyPlan.DuplicatedPayments;
            for (var month = Months.First(quarter); month <= Months.Last(quarter); month++)
            {
                var payMonth = Months.FirstDay(month);
                var uprating = Uprating(month);
                foreach (var r in roster.Recipients)
                {
                    if (r.PaidMonthly && r.ActiveIn(month))
                        Payment(csv, ++sequence, town, r, "monthly", payMonth, (long)(r.AmountCents * uprating));
                    else if (r.Category == AssistanceCategory.TemporaryAssistance && r.StartMonth == month)
                        Payment(csv, ++sequence, town, r, "one_off", payMonth, r.AmountCents);
                }
                // Injected anomaly: the first monthly payments of the quarter paid a second time under new payment ids.
                for (var i = 0; i < roster.Recipients.Count && duplicates > 0; i++)
                {
                    var r = roster.Recipients[i];
                    if (!r.PaidMonthly || !r.ActiveIn(month)) continue;
                    Payment(csv, ++sequence, town, r, "monthly", payMonth, (long)(r.AmountCents * uprating));
                    duplicates--;
                }
                if (Months.CalendarMonth(month) != 1) continue;
                foreach (var r in roster.Recipients)
                {
                    if (r.Category is AssistanceCategory.TemporaryAssistance || !r.ActiveIn(month)) continue;
                    Payment(csv, ++sequence, town, r, "festival_relief", payMonth, FestivalRosterCents);
                }
                var used = roster.FestivalPoolUsed.GetValueOrDefault(Months.Year(month));
                for (var i = 0; i < used; i++)
                    Payment(csv, ++sequence, town, roster.HardshipPool[i], "festival_relief", payMonth, roster.HardshipPool[i].AmountCents);
            }
        }
    }

    // The 低保 standard rises about 4.5% every July; amounts are stated at the 2023 level.
    private static double Uprating(int month)
    {
        var julys = (month - (Model.Calibration.AnchorYear * 12 + 6)) / 12.0;
        return Math.Pow(1.045, Math.Floor(julys));
    }

    private static void Payment(CsvRowWriter csv, long id, Model.TownProfile town, Recipient r, string type, DateOnly month, long cents)
    {
        csv.Field(id);
        csv.Field(r.Id);
        csv.Raw(town.District.Code);
        csv.Field(town.Town.Name);
        csv.Raw(Codes.Category(r.Category));
        csv.Raw(type);
        csv.Field(month);
        csv.Cents(cents);
        csv.EndRow();
    }

    public static void WriteCaseEvents(GenerationContext context, Quarter quarter)
    {
        using var writer = new FeedWriter(context, "assistance", "case_events", quarter);
        var csv = writer.Csv;
        var first = quarter.FirstDay;
        var last = quarter.LastDay;
        foreach (var town in context.Towns)
        {
            var events = context.Rosters[town.Index].Events;
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (e.Date < first || e.Date > last) continue;
                csv.Field(town.IdPrefix * 10_000_000L + i);
                csv.Field(e.RecipientId);
                csv.Raw(town.District.Code);
                csv.Field(town.Town.Name);
                csv.Raw(Codes.Category(e.Category));
                csv.Raw(Codes.EventType(e.Type));
                csv.Field(e.Date);
                csv.Field(e.Due);
                csv.EndRow();
            }
        }
    }
}
