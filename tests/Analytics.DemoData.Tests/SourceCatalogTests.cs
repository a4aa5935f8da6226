using Analytics.Sources.Catalog;

namespace Analytics.DemoData.Tests;

public sealed class SourceCatalogTests
{
    public static TheoryData<string> ChangningInputs() =>
    [
        "hedui.certified_verifiers", "hedui.trained_verifiers", "hedui.incomplete_applications", "hedui.training_attended",
        "hedui.training_required", "staff.assistance_workers", "violations.review_process", "violations.periodic_review",
        "violations.tekun_review", "violations.temp_assistance", "violations.medical_assistance", "dibao.uninsured",
        "violations.four_medical_list", "violations.employment_assistance", "violations.improper_inclusion",
        "violations.exit_followup", "violations.publicity", "disaster.max_report_delay_hours", "help.excellent_cases",
        "deduct.misconduct_cases", "deduct.care_injuries", "deduct.care_deaths", "veto.criminal_case",
    ];

    [Theory]
    [MemberData(nameof(ChangningInputs))]
    public void Every_Changning_2023_input_is_derivable_from_a_catalog_file(string input)
    {
        var source = RubricInputs.Find(input);
        Assert.NotNull(source);
        var file = SourceCatalog.File(source.FeedId, source.FileId);
        if (source.FeedId == "ledger") Assert.Contains(RubricInputs.LedgerColumnFor(input), file.ColumnNames);
    }

    [Theory]
    [InlineData("burial_scattered_graves_target")]
    [InlineData("burial_scattered_graves_cleared")]
    [InlineData("children_supervisors")]
    [InlineData("children_supervisors_trained")]
    [InlineData("highlights_count")]
    [InlineData("eldercare_community_facility_area_m2")]
    [InlineData("problems_petitions_beijing")]
    [InlineData("problems_safety_accidents")]
    [InlineData("problems_media_exposure")]
    [InlineData("eldercare_new_beds")]
    [InlineData("eldercare_new_dementia_beds")]
    [InlineData("eldercare_home_adaptations")]
    [InlineData("eldercare_one_touch_new_users")]
    [InlineData("eldercare_smart_water_meters")]
    [InlineData("eldercare_home_care_beds")]
    [InlineData("assistance_advisor_stations")]
    [InlineData("trainings_held")]
    public void Ledger_has_the_Qingpu_Songjiang_and_Putuo_quantities(string column) =>
        Assert.Contains(column, SourceCatalog.File("ledger", SourceCatalog.LedgerFileId).ColumnNames);

    /// <summary>The input names the rubric files use (docs/rubric-inputs.md, as agreed with the metrics side).</summary>
    private const string MetricsInputs =
        "hedui.certified_verifiers hedui.trained_verifiers hedui.incomplete_applications hedui.civil_overdue hedui.civil_total "
        + "hedui.housing_overdue hedui.housing_total hedui.civil_returned hedui.civil_submitted hedui.housing_returned hedui.housing_submitted "
        + "hedui.training_attended hedui.training_required hedui.returned hedui.submitted staff.assistance_workers population.registered "
        + "population.registered_elderly population.resident violations.review_process violations.periodic_review violations.tekun_review "
        + "violations.temp_assistance violations.medical_assistance violations.four_medical_list violations.employment_assistance "
        + "violations.improper_inclusion violations.exit_followup violations.publicity dibao.uninsured disaster.max_report_delay_hours "
        + "help.excellent_cases deduct.misconduct_cases deduct.care_injuries deduct.care_deaths veto.criminal_case eldercare.staff "
        + "eldercare.certified_staff eldercare.skill_certified_staff eldercare.beds eldercare.community_facility_area_m2 eldercare.new_beds "
        + "eldercare.new_smart_homes eldercare.new_internet_hospital_homes eldercare.new_dementia_beds eldercare.nursing_beds "
        + "eldercare.care_workers eldercare.senior_certified_workers eldercare.new_canteens eldercare.new_service_centres "
        + "eldercare.new_doorstep_stations eldercare.home_adaptations eldercare.one_touch_new_users eldercare.smart_water_meters "
        + "eldercare.home_care_beds socorg.evaluation_eligible socorg.evaluation_participants socorg.registered socorg.rated_3a_plus "
        + "socorg.party_covered socorg.groups_inspection_due socorg.groups_inspected socorg.agencies_inspection_due socorg.agencies_inspected "
        + "projects.completed projects.planned assistance.expenditure_poverty_cases assistance.temporary_cases assistance.advisor_offices "
        + "assistance.outreach_sweeps assistance.service_record_months assistance.excellent_cases assistance.advisor_station_towns "
        + "survey.staff_sampled survey.staff_aware survey.recipients_sampled survey.recipients_satisfied children.supervisors "
        + "children.supervisors_trained children.supervisors_social_work_certified burial.scattered_graves_target "
        + "burial.scattered_graves_cleared charity.award_nominations problems.petitions_beijing problems.integrity_violations "
        + "problems.safety_accidents problems.media_exposure problems.oversight_findings";

    [Fact]
    public void Every_rubric_input_of_the_metrics_side_has_a_source()
    {
        var missing = MetricsInputs.Split(' ').Where(name => RubricInputs.Find(name) is null).ToList();
        Assert.Empty(missing);
        Assert.Equal(RubricInputs.All.Count, RubricInputs.All.Select(i => i.Name).Distinct().Count());
    }

    [Fact]
    public void Every_file_has_unique_columns_a_key_of_its_own_columns_and_a_unique_table()
    {
        var tables = new HashSet<string>();
        foreach (var file in SourceCatalog.AllFiles)
        {
            Assert.Equal(file.Columns.Count, file.ColumnNames.Distinct().Count());
            Assert.NotEmpty(file.Key);
            Assert.All(file.Key, k => Assert.True(file.Column(k).Required, $"{file.FeedId}/{file.Id} key {k} must be required"));
            Assert.All(file.Columns, c => Assert.Matches("^[a-z][a-z0-9_]*$", c.Name));
            Assert.All(file.Columns, c => Assert.False(string.IsNullOrWhiteSpace(c.Label)));
            if (file.PeriodColumn is { } period) Assert.Equal(ColumnType.Date, file.Column(period).Type);
            Assert.True(tables.Add(file.PostgresTable), file.PostgresTable);
            Assert.StartsWith("extract.", file.PostgresTable);
        }
    }

    [Fact]
    public void Feeds_cover_all_source_systems()
    {
        Assert.Equal(Enum.GetValues<SourceSystem>().Order(), SourceCatalog.Feeds.Select(f => f.System).Order());
        Assert.Equal("extract.assistance_payments", SourceCatalog.File("assistance", "payments").PostgresTable);
    }

    [Fact]
    public void Verification_business_types_and_assistance_categories_are_the_documented_codes()
    {
        Assert.Equal(["civil_assistance", "housing_security"], SourceCatalog.VerificationBusinessTypes.Select(v => v.Code));
        Assert.Contains(SourceCatalog.AssistanceCategories, v => v.Code == "dibao" && v.Label == "低保");
        Assert.Contains(SourceCatalog.PaymentTypes, v => v.Code == "festival_relief");
        Assert.True(SourceCatalog.File("assistance", "recipients").Column("category").Allows("tekun"));
        Assert.False(SourceCatalog.File("assistance", "recipients").Column("category").Allows("unknown"));
    }

    [Fact]
    public void Postgres_ddl_has_the_quarter_column_every_catalog_column_and_the_key()
    {
        var payments = SourceCatalog.File("assistance", "payments");
        var ddl = PostgresSchema.CreateTable(payments);
        Assert.StartsWith("CREATE TABLE IF NOT EXISTS extract.assistance_payments (", ddl);
        Assert.Contains("extract_quarter text NOT NULL", ddl);
        Assert.Contains("amount numeric NOT NULL", ddl);
        Assert.Contains("pay_month date NOT NULL", ddl);
        Assert.Contains("PRIMARY KEY (extract_quarter, payment_id)", ddl);
        Assert.Contains("end_date date,", PostgresSchema.CreateTable(SourceCatalog.File("assistance", "recipients")));
        var all = PostgresSchema.CreateAll();
        Assert.Equal(SourceCatalog.AllFiles.Count(), all.Split("CREATE TABLE").Length - 1);
    }
}
