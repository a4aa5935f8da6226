using System.Globalization;
using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Scoring;
using Microsoft.AspNetCore.Components;

namespace Analytics.Dashboard.Components.Pages.Evaluator;

/// <summary>
/// /evaluator: pick a rubric, period and 街镇 (GET form), see its 视情给分 items with the current score, range, who and when,
/// and, as 考核员 or 管理员, record a score with a mandatory reason (POST form with antiforgery). 局领导 may read.
/// </summary>
public partial class EvaluatorPage
{
    [SupplyParameterFromQuery(Name = "rubric")] public string? Rubric { get; set; }

    [SupplyParameterFromQuery(Name = "period")] public string? Period { get; set; }

    [SupplyParameterFromQuery(Name = "town")] public string? Town { get; set; }

    /// <summary>The item pre-selected in the form (the 录入/修改 link of a row).</summary>
    [SupplyParameterFromQuery(Name = "item")] public string? Item { get; set; }

    /// <summary><see cref="PendingStatus"/>: only the items still to be scored (待评), and without a 街镇 the first that has any.</summary>
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }

    public const string PendingStatus = "pending";

    [SupplyParameterFromForm(FormName = "judgement", Name = "item")] public string? PostedItem { get; set; }

    [SupplyParameterFromForm(FormName = "judgement", Name = "score")] public string? PostedScore { get; set; }

    [SupplyParameterFromForm(FormName = "judgement", Name = "reason")] public string? PostedReason { get; set; }

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    private Rubric _rubric = null!;
    private AssessmentPeriod _period = null!;
    private IReadOnlyList<ScoredUnit> _units = [];
    private ScoredUnit? _unit;
    private IReadOnlyList<JudgementRow> _rows = [];
    private bool _canJudge;
    private bool _pendingOnly;
    private string? _error;
    private JudgementChange? _saved;

    protected override void OnInitialized()
    {
        _rubric = Scores.ResolveRubric(Rubric, DistrictScope.For(HttpContext!.User));
        _period = Scores.ResolvePeriod(_rubric, Period);
        _units = Judgements.Units(_rubric, _period);
        _pendingOnly = Status == PendingStatus;
        // A district rubric's entries belong to the district: open on it rather than on its first 街镇.
        _unit = _units.FirstOrDefault(u => u.Code == Town)
            ?? (_pendingOnly ? _units.FirstOrDefault(u => Judgements.Rows(_rubric, _period, u.Code).Any(IsPending)) : null)
            ?? (_rubric.RanksTowns ? _units.FirstOrDefault() : _units.FirstOrDefault(u => u.IsDistrict));
        var user = HttpContext?.User;
        _canJudge = user is not null && JudgementPolicy.CanWrite(user.IsInRole);
        Load();
    }

    private void Save()
    {
        if (!_canJudge || HttpContext?.User.Identity?.Name is not { Length: > 0 } user)
        {
            // JudgementPolicy already refuses a leader's POST; this keeps the handler safe if the page's policy ever changes.
            if (HttpContext is not null)
            {
                HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            _error = "只有考核员或管理员可以录入视情给分。";
            return;
        }

        _error = Validate(out var score);
        if (_error is null && _unit is not null)
        {
            try
            {
                _saved = Judgements.Record(user, _rubric, _period, _unit.Code, PostedItem!.Trim(), score, PostedReason!);
                PostedScore = null;
                PostedReason = null;
            }
            catch (RubricInputException ex)
            {
                _error = ex.Message;
            }
        }

        Load();
    }

    private string? Validate(out decimal score)
    {
        score = 0m;
        if (_rows.All(r => r.Item.Code != PostedItem?.Trim()))
        {
            return "请选择本评分方案中的一个视情给分项。";
        }

        if (!decimal.TryParse(PostedScore?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out score))
        {
            return "评估分须为数字，例如 3 或 2.5。";
        }

        return string.IsNullOrWhiteSpace(PostedReason) ? "请填写理由：视情给分须说明给分理由。" : null;
    }

    private void Load()
    {
        IReadOnlyList<JudgementRow> rows = _unit is null ? [] : Judgements.Rows(_rubric, _period, _unit.Code);
        _rows = _pendingOnly ? rows.Where(IsPending).ToList() : rows;
    }

    private static bool IsPending(JudgementRow row) => row.Assessed && row.Current is null;

    private string AllItemsLink() =>
        $"/evaluator?rubric={Uri.EscapeDataString(_rubric.Id)}&period={_period}&town={Uri.EscapeDataString(_unit?.Code ?? "")}";

    private string SelfLink(string item) =>
        $"/evaluator?rubric={Uri.EscapeDataString(_rubric.Id)}&period={_period}&town={Uri.EscapeDataString(_unit?.Code ?? "")}" +
        $"&item={Uri.EscapeDataString(item)}{(_pendingOnly ? $"&status={PendingStatus}" : "")}#judgement-form";
}
