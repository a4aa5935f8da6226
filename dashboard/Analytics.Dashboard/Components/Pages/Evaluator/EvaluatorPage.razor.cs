using System.Globalization;
using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;
using Microsoft.AspNetCore.Components;

namespace Analytics.Dashboard.Components.Pages.Evaluator;

/// <summary>
/// /evaluator: pick a rubric and period, then all 视情给分 items of one 街镇 or one item across every 街镇 (optionally only
/// 待评), and, as 考核员 or 管理员, enter the new scores of any rows with their reasons and save them at once (POST with
/// antiforgery): every row is checked first and shows its own error beside its field; one error saves nothing, otherwise
/// all are recorded in one transaction, each with its history row and audit entry. 局领导 may read.
/// </summary>
public partial class EvaluatorPage
{
    [SupplyParameterFromQuery(Name = "rubric")] public string? Rubric { get; set; }

    [SupplyParameterFromQuery(Name = "period")] public string? Period { get; set; }

    [SupplyParameterFromQuery(Name = "town")] public string? Town { get; set; }

    /// <summary>The item shown across every 街镇 (view=item).</summary>
    [SupplyParameterFromQuery(Name = "item")] public string? Item { get; set; }

    /// <summary><c>item</c>: one item across every 街镇; otherwise every item of one 街镇.</summary>
    [SupplyParameterFromQuery(Name = "view")] public string? View { get; set; }

    /// <summary><c>1</c>: only the rows still 待评.</summary>
    [SupplyParameterFromQuery(Name = "pending")] public string? Pending { get; set; }

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    private Rubric _rubric = null!;
    private AssessmentPeriod _period = null!;
    private IReadOnlyList<ScoredUnit> _units = [];
    private IReadOnlyList<RubricItem> _items = [];
    private ScoredUnit? _unit;
    private RubricItem? _item;
    private bool _byItem;
    private bool _pendingOnly;
    private IReadOnlyList<GridRow> _grid = [];
    private IReadOnlyList<GridRow> _visible = [];
    private bool _canJudge;
    private string? _error;
    private IReadOnlyList<JudgementChange> _saved = [];
    private readonly Dictionary<string, string> _fieldErrors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _posted = new(StringComparer.Ordinal);

    protected override void OnInitialized()
    {
        _rubric = Scores.ResolveRubric(Rubric);
        _period = Scores.ResolvePeriod(_rubric, Period);
        _units = Judgements.Units(_rubric, _period);
        _unit = _units.FirstOrDefault(u => u.Code == Town) ?? _units.FirstOrDefault();
        _items = _rubric.Items.Where(i => i.Rule is JudgementRule).ToList();
        _item = _items.FirstOrDefault(i => i.Code == Item) ?? _items.FirstOrDefault();
        _byItem = View == "item" && _item is not null;
        _pendingOnly = Pending == "1";
        var user = HttpContext?.User;
        _canJudge = user is not null && JudgementPolicy.CanWrite(user.IsInRole);
        Load();
    }

    private string SavedText => _saved.Count == 1
        ? $"已保存：{Who(_saved[0])}{_saved[0].ItemCode} 评估分 {Fmt.Num(_saved[0].NewScore)} 分{Was(_saved[0])}。"
        : $"已保存 {_saved.Count} 项：" + string.Join("；", _saved.Select(c => $"{Who(c)}{c.ItemCode} {Fmt.Num(c.NewScore)} 分{Was(c)}")) + "。";

    private string Who(JudgementChange change) => _byItem ? (_units.FirstOrDefault(u => u.Code == change.TownCode)?.Name ?? change.TownCode) + " " : "";

    private static string Was(JudgementChange change) => change.OldScore is { } old ? $"（原为 {Fmt.Num(old)} 分）" : "（首次录入）";

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

        var inputs = Inputs(HttpContext.Request.Form);
        if (_fieldErrors.Count > 0)
        {
            _error = $"有 {_fieldErrors.Count} 项未通过检查，本次未保存任何评分，请按各行提示修改后再保存。";
        }
        else if (inputs.Count == 0)
        {
            _error = "没有填写任何新评估分。";
        }
        else
        {
            try
            {
                _saved = Judgements.RecordAll(user, _rubric, _period, inputs);
                _posted.Clear();
            }
            catch (RubricInputException ex)
            {
                _error = ex.Message;
            }
        }

        Load();
    }

    /// <summary>The rows with a new score, each checked; a row's problem goes to <see cref="_fieldErrors"/> under its key.</summary>
    private List<JudgementInput> Inputs(IFormCollection form)
    {
        var inputs = new List<JudgementInput>();
        foreach (var grid in _grid.Where(g => g.Row.Assessed))
        {
            var scoreText = form["score|" + grid.Key].ToString().Trim();
            var reason = form["reason|" + grid.Key].ToString();
            _posted["score|" + grid.Key] = scoreText;
            _posted["reason|" + grid.Key] = reason;
            if (scoreText.Length == 0)
            {
                continue;
            }

            if (!decimal.TryParse(scoreText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score))
            {
                _fieldErrors[grid.Key] = "评估分须为数字，例如 3 或 2.5。";
            }
            else if (string.IsNullOrWhiteSpace(reason))
            {
                _fieldErrors[grid.Key] = "请填写理由：视情给分须说明给分理由。";
            }
            else if (JudgementStore.Refusal(_rubric, _period, grid.Row.Item.Code, score, "?", reason) is { } refusal)
            {
                _fieldErrors[grid.Key] = refusal;
            }
            else
            {
                inputs.Add(new JudgementInput(grid.Unit.Code, grid.Row.Item.Code, score, reason));
            }
        }

        return inputs;
    }

    private string? Posted(string field, GridRow grid) => _posted.GetValueOrDefault(field + grid.Key);

    private void Load()
    {
        var units = _byItem ? _units : _unit is null ? [] : [_unit];
        _grid = Judgements.Grid(_rubric, _period, units, _byItem ? _item!.Code : null);
        // A row with an error stays visible under the 待评 filter even once judged by someone else meanwhile.
        _visible = _pendingOnly ? _grid.Where(g => g.Pending || _fieldErrors.ContainsKey(g.Key)).ToList() : _grid;
    }
}
