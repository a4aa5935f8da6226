using Analytics.Metrics.Rules;

namespace Analytics.Metrics.Tests;

/// <summary>Builds evaluation inputs for tests: a full-marks baseline per rubric, then the changes a test cares about.</summary>
internal sealed class TestInputs
{
    private readonly Dictionary<string, decimal?> _values = new();
    private readonly Dictionary<string, Judgement> _judgements = new();
    private readonly Dictionary<string, decimal?> _previous = new();
    private readonly Dictionary<string, InputGap> _gaps = new();
    private AssessmentPeriod? _period;

    public static TestInputs Empty() => new();

    /// <summary>Every judgement item at its maximum; values as given (callers add them).</summary>
    public static TestInputs AllJudgementsFull(Rubric rubric)
    {
        var inputs = new TestInputs();
        foreach (var item in rubric.Items.Where(i => i.Rule is JudgementRule && i.Maximum > 0m))
        {
            var bonus = rubric.Sections.First(s => s.Code == item.SectionCode).Kind == SectionKind.Bonus;
            inputs.Judge(item.Code, bonus ? 0m : item.Maximum);
        }

        return inputs;
    }

    public TestInputs Set(string name, decimal? value)
    {
        _values[name] = value;
        return this;
    }

    public TestInputs Remove(string name)
    {
        _values.Remove(name);
        return this;
    }

    public TestInputs Before(string name, decimal? value)
    {
        _previous[name] = value;
        return this;
    }

    public TestInputs Judge(string code, decimal score, string evaluator = "王评估", string reason = "核查台账与现场")
    {
        _judgements[code] = new Judgement(score, evaluator, reason);
        return this;
    }

    public TestInputs Unjudge(string code)
    {
        _judgements.Remove(code);
        return this;
    }

    /// <summary>Marks an input as awaiting the bureau's inspection or a ledger (what the warehouse builder reports).</summary>
    public TestInputs Gap(string name, ItemStatus status, string reason)
    {
        _gaps[name] = new InputGap(status, reason);
        return this;
    }

    public TestInputs In(AssessmentPeriod period)
    {
        _period = period;
        return this;
    }

    public RubricInputs Build() => new(
        new Dictionary<string, decimal?>(_values), new Dictionary<string, Judgement>(_judgements),
        new Dictionary<string, decimal?>(_previous), _period, new Dictionary<string, InputGap>(_gaps));

    /// <summary>长宁 2023: every measured input at a value that earns full marks, every judgement at full marks.</summary>
    public static TestInputs ChangningFull()
    {
        var t = AllJudgementsFull(RubricCatalog.Get("changning-2023"));
        t.Set("hedui.certified_verifiers", 2).Set("hedui.trained_verifiers", 0)
            .Set("hedui.incomplete_applications", 0)
            .Set("hedui.civil_overdue", 0).Set("hedui.civil_total", 100)
            .Set("hedui.housing_overdue", 0).Set("hedui.housing_total", 40)
            .Set("hedui.civil_returned", 0).Set("hedui.civil_submitted", 60)
            .Set("hedui.housing_returned", 0).Set("hedui.housing_submitted", 30)
            .Set("hedui.training_attended", 20).Set("hedui.training_required", 20)
            .Set("staff.assistance_workers", 3).Set("population.registered", 25000);
        foreach (var name in new[]
                 {
                     "findings.review_process", "assistance.periodic_reviews_late",
                     "findings.tekun_review", "findings.temp_assistance", "findings.medical_assistance", "dibao.uninsured_cases",
                     "findings.four_medical_list", "findings.employment_assistance", "findings.improper_inclusion",
                     "assistance.follow_ups_late", "findings.publicity", "findings.misconduct_cases", "findings.care_injuries",
                     "findings.care_deaths", "findings.criminal_case", "findings.vagrant_patrol_missed", "findings.vagrant_placement_missed",
                     "findings.vagrant_assistance",
                 })
        {
            t.Set(name, 0);
        }

        return t.Set("help.excellent_cases", 5).Set("dibao.recipients", 200).Set("dibao.recipients_reported", 200).Judge("F1", 0).Judge("F2", 0).Judge("F3", 0);
    }
}
