using Analytics.Dashboard.Leadership;
using Analytics.Dashboard.Security;
using Analytics.Metrics;

namespace Analytics.Dashboard.Landing;

/// <summary>
/// Where a user lands after signing in without a return URL: the page of their first role in the order
/// admin &gt; leader &gt; evaluator &gt; analyst — the load overview, the scorecard of their district at the latest period
/// with results, the evaluator page filtered to 待评, the SQL console. Anyone else lands on the public overview.
/// </summary>
public sealed class RoleLanding(LeadershipScores scores)
{
    /// <summary>The roles in the order that decides the landing page of a user with several.</summary>
    public static readonly IReadOnlyList<string> Precedence = [Roles.Admin, Roles.Leader, Roles.Evaluator, Roles.Analyst];

    public string For(Func<string, bool> isInRole, IReadOnlyCollection<string> districtCodes)
    {
        var role = Precedence.FirstOrDefault(isInRole);
        return role switch
        {
            Roles.Admin => "/admin",
            Roles.Leader => Target(districtCodes, _ => true) is { } target ? ScorecardUrl("/leader/scorecard", target) : "/leader/scorecard",
            Roles.Evaluator => (Target(districtCodes, HasJudgements) is { } target ? ScorecardUrl("/evaluator", target) + "&" : "/evaluator?")
                + $"status={Components.Pages.Evaluator.EvaluatorPage.PendingStatus}",
            Roles.Analyst => "/analyst/sql",
            _ => "/",
        };
    }

    /// <summary>
    /// The rubric and period a leader of <paramref name="districtCodes"/> (every district when empty) opens on: of the
    /// first district with results, its latest rubric's latest period with results — for an annual scheme the latest
    /// year whose fourth quarter is loaded and whose result is final or provisional, for a quarterly one the latest
    /// quarter with data. Only rubrics that <paramref name="serves"/> the role count (an evaluator's need 视情给分 items).
    /// Null when the warehouse holds nothing such a rubric scores.
    /// </summary>
    public (Rubric Rubric, AssessmentPeriod Period)? Target(IReadOnlyCollection<string> districtCodes, Func<Rubric, bool> serves)
    {
        var districts = LeadershipScores.Rubrics
            .Select(r => r.District.Code)
            .Distinct()
            .Where(code => districtCodes.Count == 0 || districtCodes.Contains(code));
        foreach (var district in districts)
        {
            foreach (var rubric in LeadershipScores.Rubrics.Where(r => r.District.Code == district && serves(r)).OrderByDescending(r => r.Year))
            {
                if (LatestWithResults(rubric) is { } period)
                {
                    return (rubric, period);
                }
            }
        }

        return null;
    }

    private AssessmentPeriod? LatestWithResults(Rubric rubric)
    {
        if (!rubric.IsAnnual)
        {
            return LeadershipScores.Periods(rubric).Where(p => p.IsQuarter && scores.HasData(p)).LastOrDefault();
        }

        var year = AssessmentPeriod.ForYear(rubric.Year);
        return scores.HasData(AssessmentPeriod.ForQuarter(rubric.Year, 4))
            && scores.Score(rubric, year, DistrictScope.City).District.Result.State is AssessmentState.Final or AssessmentState.Provisional
            ? year
            : null;
    }

    private static bool HasJudgements(Rubric rubric) => rubric.Items.Any(i => i.Rule is Analytics.Metrics.Rules.JudgementRule);

    private static string ScorecardUrl(string path, (Rubric Rubric, AssessmentPeriod Period) target) =>
        $"{path}?rubric={Uri.EscapeDataString(target.Rubric.Id)}&period={target.Period}";
}
