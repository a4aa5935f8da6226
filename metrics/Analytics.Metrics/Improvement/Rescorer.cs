namespace Analytics.Metrics.Improvement;

/// <summary>Re-scores one 街镇 with input changes applied: the measure of every lever and path.</summary>
internal sealed class Rescorer(Rubric rubric, RubricInputs inputs, RubricResult baseline)
{
    private readonly AssessmentPeriod _period = inputs.Period ?? AssessmentPeriod.ForYear(rubric.Year);

    /// <summary>An annual item seen in a quarter reads year-to-date values; every other item the period's values.</summary>
    private bool ReadsYearToDate(RubricItem item) => _period.IsQuarter && item.Frequency == Frequency.Annual;

    public RubricInputs View(RubricItem item) => ReadsYearToDate(item) ? inputs.AsYearToDate() : inputs;

    public IReadOnlyList<Lever> Measure(RubricItem item, IReadOnlyList<CandidateChange> candidates)
    {
        var before = ImprovementPlanner.Effective(baseline.Item(item.Code));
        var levers = new List<Lever>();
        foreach (var c in candidates)
        {
            var draft = new Lever(item.Code, c.Reach, c.Text, c.Changes, 0m, 0m);
            RubricResult after;
            try
            {
                after = Apply([draft]);
            }
            catch (RubricInputException)
            {
                // A value the rule cannot take (a tier condition pushed below zero) is no lever at all.
                continue;
            }

            var gain = ImprovementPlanner.Effective(after.Item(item.Code)) - before;
            if (gain > 0m)
            {
                levers.Add(draft with { ItemGain = gain, TotalGain = after.Total - baseline.Total });
            }
        }

        return levers;
    }

    public RubricResult Apply(IReadOnlyList<Lever> levers) => RubricEvaluator.Evaluate(rubric, With(inputs, rubric, levers));

    /// <summary>The inputs with every lever's changes applied (to the year-to-date values where the item reads those).</summary>
    public static RubricInputs With(RubricInputs inputs, Rubric rubric, IEnumerable<Lever> levers)
    {
        var period = inputs.Period ?? AssessmentPeriod.ForYear(rubric.Year);
        var values = new Dictionary<string, decimal?>(inputs.Values);
        var ytd = inputs.YearToDate is null ? null : new Dictionary<string, decimal?>(inputs.YearToDate);
        foreach (var lever in levers)
        {
            var annual = period.IsQuarter && rubric.FindItem(lever.ItemCode)?.Frequency == Frequency.Annual;
            foreach (var change in lever.Changes)
            {
                (annual && ytd is not null ? ytd : values)[change.Input] = change.To;
            }
        }

        return inputs with { Values = values, YearToDate = ytd };
    }
}
