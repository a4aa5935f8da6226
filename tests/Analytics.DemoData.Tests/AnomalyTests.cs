using System.Text.Json;
using Analytics.Sources;

namespace Analytics.DemoData.Tests;

/// <summary>Every anomaly listed in ground_truth.json is really in the files, where it says and with its magnitude.</summary>
[Collection(DemoDropCollection.Name)]
public sealed class AnomalyTests(DemoDrop drop)
{
    private IEnumerable<JsonElement> Anomalies() => drop.GroundTruth().GetProperty("anomalies").EnumerateArray();

    private JsonElement Single(string kind) => Anomalies().Single(a => a.GetProperty("kind").GetString() == kind);

    [Fact]
    public void Ground_truth_lists_each_kind_once_with_chinese_descriptions()
    {
        var kinds = Anomalies().Select(a => a.GetProperty("kind").GetString()!).Order().ToArray();
        Assert.Equal(["certificate_rate_jump", "duplicate_payments", "ledger_mismatch", "missing_submission", "sudden_drop", "sudden_spike"], kinds);
        foreach (var a in Anomalies())
        {
            Assert.Contains(a.GetProperty("town").GetString()!, a.GetProperty("description").GetString());
            Assert.NotNull(RegionsFind(a));
            Assert.True(Quarter.TryParse(a.GetProperty("quarter").GetString(), out _));
        }
    }

    private static object? RegionsFind(JsonElement a) =>
        Analytics.Sources.Regions.RegionReference.Default.FindTown(a.GetProperty("town").GetString()!, a.GetProperty("district_code").GetString());

    private static (string Town, Quarter Quarter, decimal Magnitude) Where(JsonElement a) =>
        (a.GetProperty("town").GetString()!, Quarter.Parse(a.GetProperty("quarter").GetString()!), a.GetProperty("magnitude").GetDecimal());

    private IEnumerable<Quarter> Quarters => Quarter.Range(DemoOptions.DefaultFrom, DemoOptions.DefaultTo);

    [Fact]
    public void Sudden_drop_in_meals_is_in_the_meals_file()
    {
        var (town, quarter, factor) = Where(Single("sudden_drop"));
        long Meals(Quarter q)
        {
            var csv = drop.Read("eldercare", "meals", q.ToString());
            return csv.Rows.Where(r => r[csv.Index("town_name")] == town).Sum(r => long.Parse(r[csv.Index("subsidised_meals")]));
        }
        var observed = Meals(quarter);
        var previous = Meals(quarter.Previous());
        Assert.Equal(0.3m, factor);
        Assert.InRange(observed, previous * 0.2, previous * 0.45);
        Assert.Equal(Single("sudden_drop").GetProperty("observed").GetDecimal(), observed);
    }

    [Fact]
    public void Sudden_spike_in_temporary_assistance_is_in_the_payments_file()
    {
        var (town, quarter, factor) = Where(Single("sudden_spike"));
        int Cases(Quarter q)
        {
            var csv = drop.Read("assistance", "payments", q.ToString());
            int t = csv.Index("town_name"), c = csv.Index("category");
            return csv.Rows.Count(r => r[t] == town && r[c] == "temporary_assistance");
        }
        var others = Quarters.Where(q => q != quarter).Select(Cases).ToList();
        var observed = Cases(quarter);
        Assert.Equal(5m, factor);
        Assert.True(observed > 2.5 * others.Average(), $"{observed} vs mean {others.Average()}");
        Assert.True(observed > others.Max());
    }

    [Fact]
    public void Ledger_mismatch_differs_from_the_system_by_the_magnitude_and_other_towns_agree()
    {
        var (town, quarter, delta) = Where(Single("ledger_mismatch"));
        var recipients = drop.Read("assistance", "recipients", quarter.ToString());
        int t = recipients.Index("town_name"), c = recipients.Index("category"), s = recipients.Index("status");
        var mismatches = new Dictionary<string, long>();
        foreach (var path in Directory.GetFiles(Path.Combine(drop.Root, DropLayout.LedgerFolder(quarter))))
        {
            var (_, codes, values) = LedgerReader.Read(path);
            var name = values[Array.IndexOf(codes, "town_name")];
            var reported = long.Parse(values[Array.IndexOf(codes, "dibao_recipients_reported")]);
            var system = recipients.Rows.Count(r => r[t] == name && r[c] == "dibao" && r[s] == "active");
            if (reported != system) mismatches[name] = reported - system;
        }
        Assert.Equal(new Dictionary<string, long> { [town] = (long)delta }, mismatches);
        Assert.True(delta >= 12);
    }

    [Fact]
    public void Duplicated_payments_appear_only_in_the_named_town_and_quarter()
    {
        var (town, quarter, count) = Where(Single("duplicate_payments"));
        var csv = drop.Read("assistance", "payments", quarter.ToString());
        int t = csv.Index("town_name"), id = csv.Index("recipient_id"), m = csv.Index("pay_month"), type = csv.Index("payment_type"), amount = csv.Index("amount");
        var duplicates = csv.Rows.Where(r => r[type] == "monthly")
            .GroupBy(r => (r[t], r[id], r[m], r[amount]))
            .Where(g => g.Count() > 1)
            .ToList();
        Assert.Equal((int)count, duplicates.Count);
        Assert.All(duplicates, g => Assert.Equal(town, g.Key.Item1));
        var ids = csv.Rows.Select(r => r[csv.Index("payment_id")]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Certificate_rate_jumps_implausibly_within_one_quarter()
    {
        var (town, quarter, points) = Where(Single("certificate_rate_jump"));
        double Rate(Quarter q)
        {
            var csv = drop.Read("eldercare", "staff", q.ToString());
            var staff = csv.Rows.Where(r => r[csv.Index("town_name")] == town).ToList();
            Assert.NotEmpty(staff);
            return 100.0 * staff.Count(r => r[csv.Index("has_certificate")] == "true") / staff.Count;
        }
        var before = Rate(quarter.Previous());
        var after = Rate(quarter);
        Assert.True(after - before >= 30, $"{before:F1}% → {after:F1}%");
        Assert.Equal(100.0, after);
        Assert.InRange((double)points, 30, 60);
    }

    [Fact]
    public void Missing_submission_has_no_ledger_file_while_other_quarters_do()
    {
        var (town, quarter, _) = Where(Single("missing_submission"));
        bool Submitted(Quarter q) => Directory.GetFiles(Path.Combine(drop.Root, DropLayout.LedgerFolder(q)))
            .Any(f => DropLayout.TryParseLedgerFileName(Path.GetFileName(f), out _, out var name) && name == town);
        Assert.False(Submitted(quarter));
        Assert.True(Submitted(quarter.Previous()));
    }
}
