namespace Analytics.Sources.Catalog;

/// <summary>The rubric inputs (docs/rubric-inputs.md) the sources provide, each mapped to its feed, file and derivation rule.</summary>
public static class RubricInputs
{
    /// <summary>All mapped inputs; ledger inputs use the ledger column whose name is the input with '.' replaced by '_'.</summary>
    public static IReadOnlyList<RubricInput> All { get; } = Build();

    public static RubricInput? Find(string name) => All.FirstOrDefault(i => i.Name == name);

    /// <summary>The ledger column that carries a dotted input name (<c>violations.publicity</c> → <c>violations_publicity</c>).</summary>
    public static string LedgerColumnFor(string inputName) => inputName.Replace('.', '_');

    private static List<RubricInput> Build()
    {
        const string Civil = "business_type = civil_assistance";
        const string Housing = "business_type = housing_security";
        const string Overdue = "(finished_date > deadline_date, or finished_date empty and deadline_date on or before the quarter's last day)";
        const string Finished = "finished_date set";
        var inputs = new List<RubricInput>
        {
            new("hedui.certified_verifiers", "verification", "verifiers", "count rows where in_post and certified"),
            new("hedui.trained_verifiers", "verification", "verifiers", "count rows where in_post and trained"),
            new("hedui.training_required", "verification", "verifiers", "count rows where training_required"),
            new("hedui.training_attended", "verification", "verifiers", "count rows where training_required and training_attended"),
            new("hedui.incomplete_applications", "verification", "requests", $"count rows where {Civil} and not materials_complete"),
            new("hedui.civil_total", "verification", "requests", $"sum households where {Civil} and {Finished} (办结件数)"),
            new("hedui.civil_overdue", "verification", "requests", $"sum households where {Civil} and {Overdue}"),
            new("hedui.civil_submitted", "verification", "requests", $"sum households where {Civil}"),
            new("hedui.civil_returned", "verification", "requests", $"sum households where {Civil} and returned_by_city"),
            new("hedui.housing_total", "verification", "requests", $"sum households where {Housing} and {Finished} (办结件数)"),
            new("hedui.housing_overdue", "verification", "requests", $"sum households where {Housing} and {Overdue}"),
            new("hedui.housing_submitted", "verification", "requests", $"sum households where {Housing}"),
            new("hedui.housing_returned", "verification", "requests", $"sum households where {Housing} and returned_by_city"),
            new("hedui.submitted", "verification", "requests", "sum households (核对委托户次)"),
            new("hedui.returned", "verification", "requests", "sum households where returned_by_city"),
            new("dibao.recipients", "assistance", "recipients", "count rows where category = dibao and status = active"),
            new("dibao.uninsured", "assistance", "recipients", "count rows where category = dibao and status = active and not medical_insured"),
            new("dibao.uninsured_cases", "assistance", "recipients",
                "count rows where category = dibao and status = active and not medical_insured, in Q1 or not so at the previous quarter end (全年未参保例数)"),
            new("tekun.recipients", "assistance", "recipients", "count rows where category = tekun and status = active"),
            new("assistance.temporary_cases", "assistance", "case_events", "count rows where event_type = approval and category = temporary_assistance (临时救助人次: one decision, one 人次)"),
            new("assistance.expenditure_poverty_cases", "assistance", "case_events", "count rows where event_type = approval and category = expenditure_poverty (支出型贫困救助人次: one decision, one 人次)"),
            new("assistance.festival_relief_cases", "assistance", "payments", "count rows where payment_type = festival_relief (帮困送温暖人次)"),
            new("assistance.periodic_reviews_late", "assistance", "case_events", "count rows where event_type = periodic_review and event_date > due_date"),
            new("assistance.follow_ups_late", "assistance", "case_events", "count rows where event_type = follow_up_visit and event_date > due_date"),
            new("assistance.advisor_station_towns", "ledger", SourceCatalog.LedgerFileId, "district: count towns whose assistance_advisor_stations >= 1"),
            new("eldercare.beds", "eldercare", "institutions", "sum beds_total"),
            new("eldercare.nursing_beds", "eldercare", "institutions", "sum beds_nursing"),
            new("eldercare.dementia_beds", "eldercare", "institutions", "sum beds_dementia"),
            new("eldercare.cloud_supervised", "eldercare", "institutions", "count rows where cloud_supervised"),
            new("eldercare.staff", "eldercare", "staff", "count rows"),
            new("eldercare.certified_staff", "eldercare", "staff", "count rows where has_certificate"),
            new("eldercare.skill_certified_staff", "eldercare", "staff", "count rows where skill_level <> none"),
            new("eldercare.care_workers", "eldercare", "staff", "count rows where role = care_worker"),
            new("eldercare.skill_certified_care_workers", "eldercare", "staff", "count rows where role = care_worker and skill_level <> none (持等级证率 numerator)"),
            new("eldercare.senior_certified_workers", "eldercare", "staff", "count rows where role = care_worker and skill_level in (intermediate, senior, technician, senior_technician)"),
            new("eldercare.subsidised_meals", "eldercare", "meals", "sum subsidised_meals"),
            new("socorg.registered", "socialorg", "organisations", "count rows where status = active"),
            new("socorg.rated", "socialorg", "organisations", "count rows where status = active and evaluation_grade is set"),
            new("socorg.rated_3a_plus", "socialorg", "organisations", "count rows where status = active and evaluation_grade in (3A, 4A, 5A)"),
            new("socorg.evaluation_eligible", "socialorg", "organisations", "count rows where status = active and evaluation_due"),
            new("socorg.evaluation_participants", "socialorg", "organisations", "count rows where status = active and evaluation_due and evaluation_participated"),
            new("socorg.new_registrations", "socialorg", "organisations", "count rows where registered_date in the quarter"),
            new("socorg.cancellations", "socialorg", "organisations", "count rows where cancelled_date in the quarter"),
            new("socorg.groups_inspection_due", "socialorg", "inspections", "count rows of the year where org_type = social_group"),
            new("socorg.groups_inspected", "socialorg", "inspections", "count rows of the year where org_type = social_group and submitted"),
            new("socorg.agencies_inspection_due", "socialorg", "inspections", "count rows of the year where org_type = social_service_agency"),
            new("socorg.agencies_inspected", "socialorg", "inspections", "count rows of the year where org_type = social_service_agency and submitted"),
            new("population.registered", "reference", "population", "registered_population"),
            new("population.resident", "reference", "population", "resident_population"),
            new("population.registered_elderly", "reference", "population", "registered_elderly"),
        };
        foreach (var column in SourceCatalog.File("ledger", SourceCatalog.LedgerFileId).Columns)
        {
            if (column.Aggregation == Aggregation.None) continue;
            inputs.Add(new RubricInput(LedgerInputName(column.Name), "ledger", SourceCatalog.LedgerFileId, $"ledger column {column.Name} ({column.Label})"));
        }
        return inputs;
    }

    // The first '_' becomes the dot: violations_review_process → violations.review_process.
    private static string LedgerInputName(string column)
    {
        var at = column.IndexOf('_');
        return at < 0 ? column : string.Concat(column.AsSpan(0, at), ".", column.AsSpan(at + 1));
    }
}
