using System.Globalization;
using Analytics.Dashboard.Evaluation;
using Analytics.Dashboard.Security;
using Analytics.Metrics;
using Analytics.Metrics.Rules;
using Analytics.Metrics.Warehouse.Scoring;
using Microsoft.AspNetCore.Components;

namespace Analytics.Dashboard.Components.Pages.Evaluator;

/// <summary>
/// /evaluator: pick a rubric and period, then all 视情给分 items of one 街镇 (for a district rubric, the district's 区局录入
/// targets of 普陀区（全区）) or one item across every 街镇 (optionally only 待评), and, as 考核员 or 管理员, enter the new
/// scores or entered values of any rows with their reasons and save them at once (POST with
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

    /// <summary><see cref="PendingStatus"/>: only the rows still to be scored or entered (待评), and without a 街镇 the first that has any.</summary>
    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }

    public const string PendingStatus = "pending";

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
        _rubric = Scores.ResolveRubric(Rubric, DistrictScope.For(HttpContext!.User));
        _period = Scores.ResolvePeriod(_rubric, Period);
        _units = Judgements.Units(_rubric, _period);
        _pendingOnly = Status == PendingStatus;
        _items = _rubric.Items.Where(i => i.Rule is JudgementRule or EntryRule).ToList();
        _item = _items.FirstOrDefault(i => i.Code == Item) ?? _items.FirstOrDefault();
        _byItem = View == "item" && _item is not null;
        // Without a 街镇: under 待评 the first unit with any, else a district rubric's district (its entries belong to it).
        IReadOnlyList<GridRow>? everyUnit = _pendingOnly && !_byItem && _units.All(u => u.Code != Town) ? Judgements.Grid(_rubric, _period, _units, null) : null;
        _unit = _units.FirstOrDefault(u => u.Code == Town)
            ?? (everyUnit?.FirstOrDefault(g => g.Pending)?.Unit)
            ?? (_rubric.RanksTowns ? _units.FirstOrDefault() : _units.FirstOrDefault(u => u.IsDistrict));
        var user = HttpContext?.User;
        _canJudge = user is not null && JudgementPolicy.CanWrite(user.IsInRole);
        Load(everyUnit?.Where(g => g.Unit.Code == _unit?.Code).ToList());
    }

    private string SavedText => _saved.Count == 1
        ? $"已保存：{Who(_saved[0])}{_saved[0].ItemCode} {(IsEntry(_saved[0]) ? "区局录入" : "评估分")} {Value(_saved[0])}。"
        : $"已保存 {_saved.Count} 项：" + string.Join("；", _saved.Select(c => $"{Who(c)}{c.ItemCode} {Value(c)}")) + "。";

    private string Who(JudgementChange change) => _byItem ? (_units.FirstOrDefault(u => u.Code == change.TownCode)?.Name ?? change.TownCode) + " " : "";

    private bool IsEntry(JudgementChange change) => _rubric.FindItem(change.ItemCode)?.Rule is EntryRule;

    /// <summary>The new value and the old one: a score as "9 分（原为 8 分）", an entry as "是（原为 否）".</summary>
    private string Value(JudgementChange change)
    {
        if (_rubric.FindItem(change.ItemCode)?.Rule is EntryRule entry)
        {
            return entry.ValueText(change.NewScore) + (change.OldScore is { } was ? $"（原为 {entry.ValueText(was)}）" : "（首次录入）");
        }

        return $"{Fmt.Num(change.NewScore)} 分" + (change.OldScore is { } old ? $"（原为 {Fmt.Num(old)} 分）" : "（首次录入）");
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
                _fieldErrors[grid.Key] = grid.Row.IsEntry ? "请填写理由：区局录入须说明依据。" : "请填写理由：视情给分须说明给分理由。";
            }
            else if (JudgementStore.Refusal(_rubric, _period, grid.Unit.Code, grid.Row.Item.Code, score, "?", reason) is { } refusal)
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

    /// <summary>Reads the shown rows, unless <paramref name="read"/> already holds them.</summary>
    private void Load(IReadOnlyList<GridRow>? read = null)
    {
        var units = _byItem ? _units : _unit is null ? [] : [_unit];
        _grid = read ?? Judgements.Grid(_rubric, _period, units, _byItem ? _item!.Code : null);
        // A row with an error stays visible under the 待评 filter even once judged by someone else meanwhile.
        _visible = _pendingOnly ? _grid.Where(g => g.Pending || _fieldErrors.ContainsKey(g.Key)).ToList() : _grid;
    }

    private string AllItemsLink() =>
        $"/evaluator?rubric={Uri.EscapeDataString(_rubric.Id)}&period={_period}&town={Uri.EscapeDataString(_unit?.Code ?? "")}" +
        (_byItem ? $"&view=item&item={Uri.EscapeDataString(_item!.Code)}" : "");
}
