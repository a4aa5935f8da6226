namespace Analytics.DemoData.Tests;

/// <summary>Songjiang 2023, read back from the generated files, lands within ±5% of shared/reference/calibration.md.</summary>
[Collection(DemoDropCollection.Name)]
public sealed class CalibrationTests(DemoDrop drop)
{
    private const string Songjiang = "310117";

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * 0.05, $"expected {expected} ±5%, got {actual}");

    private static IEnumerable<string[]> SongjiangRows(CsvFile csv)
    {
        var district = csv.Index("district_code");
        return csv.Rows.Where(r => r[district] == Songjiang);
    }

    [Theory]
    [InlineData("dibao", 3995)]
    [InlineData("low_income", 1715)]
    [InlineData("severe_disability", 2029)]
    [InlineData("tekun", 80)]
    public void Recipients_at_year_end_match(string category, int expected)
    {
        var csv = drop.Read("assistance", "recipients", "2023Q4");
        int c = csv.Index("category"), s = csv.Index("status");
        Near(expected, SongjiangRows(csv).Count(r => r[c] == category && r[s] == "active"));
    }

    [Fact]
    public void Festival_relief_cases_match_5_46_wan()
    {
        var total = drop.ReadYear("assistance", "payments", 2023)
            .Sum(csv => SongjiangRows(csv).Count(r => r[csv.Index("payment_type")] == "festival_relief"));
        Near(54_600, total);
    }

    [Fact]
    public void Verification_households_match_17475()
    {
        var total = drop.ReadYear("verification", "requests", 2023).Sum(csv => SongjiangRows(csv).Sum(r => int.Parse(r[csv.Index("households")])));
        Near(17_475, total);
    }

    [Fact]
    public void Cloud_supervised_institutions_match_33()
    {
        var csv = drop.Read("eldercare", "institutions", "2023Q4");
        Near(33, SongjiangRows(csv).Count(r => r[csv.Index("cloud_supervised")] == "true"));
    }

    [Fact]
    public void Care_worker_skill_certificate_rate_matches_88_1_percent()
    {
        var csv = drop.Read("eldercare", "staff", "2023Q4");
        var workers = SongjiangRows(csv).Where(r => r[csv.Index("role")] == "care_worker").ToList();
        Near(0.881, (double)workers.Count(r => r[csv.Index("skill_level")] != "none") / workers.Count);
    }

    [Fact]
    public void Social_organisations_match_823_with_148_groups_and_675_agencies_and_276_rated()
    {
        var csv = drop.Read("socialorg", "organisations", "2023Q4");
        var active = SongjiangRows(csv).Where(r => r[csv.Index("status")] == "active").ToList();
        Near(823, active.Count);
        Near(148, active.Count(r => r[csv.Index("org_type")] == "social_group"));
        Near(675, active.Count(r => r[csv.Index("org_type")] == "social_service_agency"));
        Near(276, active.Count(r => r[csv.Index("evaluation_grade")] != ""));
    }

    [Fact]
    public void Registrations_29_and_cancellations_21_in_2023()
    {
        var registered = new HashSet<string>();
        var cancelled = new HashSet<string>();
        foreach (var csv in drop.ReadYear("socialorg", "organisations", 2023))
        {
            foreach (var r in SongjiangRows(csv))
            {
                if (r[csv.Index("registered_date")].StartsWith("2023", StringComparison.Ordinal)) registered.Add(r[csv.Index("org_id")]);
                if (r[csv.Index("cancelled_date")].StartsWith("2023", StringComparison.Ordinal)) cancelled.Add(r[csv.Index("org_id")]);
            }
        }
        Near(29, registered.Count);
        Near(21, cancelled.Count);
    }

    [Fact]
    public void Annual_inspection_804_due_and_745_submitted()
    {
        var csv = drop.Read("socialorg", "inspections", "2023Q2");
        var due = SongjiangRows(csv).Where(r => r[csv.Index("inspection_year")] == "2023").ToList();
        Near(804, due.Count);
        Near(745, due.Count(r => r[csv.Index("submitted")] == "true"));
    }

    [Fact]
    public void Subsidised_meals_match_139_47_wan()
    {
        var total = drop.ReadYear("eldercare", "meals", 2023).Sum(csv => SongjiangRows(csv).Sum(r => long.Parse(r[csv.Index("subsidised_meals")])));
        Near(1_394_700, total);
    }

    [Fact]
    public void Other_districts_scale_with_population()
    {
        var csv = drop.Read("assistance", "recipients", "2023Q4");
        int d = csv.Index("district_code"), c = csv.Index("category"), s = csv.Index("status");
        int Dibao(string district) => csv.Rows.Count(r => r[d] == district && r[c] == "dibao" && r[s] == "active");
        // 长宁 has about 69 万 residents against 松江's 191 万.
        Near(3995 * 69.0 / 191.0, Dibao("310105"));
        Assert.True(Dibao("310118") > Dibao("310105"));
    }
}
