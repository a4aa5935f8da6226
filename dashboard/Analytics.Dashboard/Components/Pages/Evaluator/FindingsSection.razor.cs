using System.Globalization;
using Analytics.Dashboard.Components.Shared;
using Analytics.Dashboard.Evaluation;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Findings;
using Microsoft.AspNetCore.Components;

namespace Analytics.Dashboard.Components.Pages.Evaluator;

/// <summary>The 督查发现台账 section of /evaluator: POST forms (antiforgery) to add and withdraw findings and close inspections.</summary>
public partial class FindingsSection
{
    [Parameter, EditorRequired] public required Rubric Rubric { get; set; }

    [Parameter, EditorRequired] public required AssessmentPeriod Period { get; set; }

    [Parameter, EditorRequired] public required string TownCode { get; set; }

    [Parameter] public bool CanWrite { get; set; }

    [SupplyParameterFromForm(FormName = "finding-add", Name = "target")] public string? PostedTarget { get; set; }

    [SupplyParameterFromForm(FormName = "finding-add", Name = "found_on")] public string? PostedFoundOn { get; set; }

    [SupplyParameterFromForm(FormName = "finding-add", Name = "found_by")] public string? PostedFoundBy { get; set; }

    [SupplyParameterFromForm(FormName = "finding-add", Name = "cases")] public string? PostedCases { get; set; }

    [SupplyParameterFromForm(FormName = "finding-add", Name = "description")] public string? PostedDescription { get; set; }

    [SupplyParameterFromForm(FormName = "finding-add", Name = "evidence")] public string? PostedEvidence { get; set; }

    [SupplyParameterFromForm(FormName = "finding-inspection", Name = "item")] public string? InspectionItem { get; set; }

    [SupplyParameterFromForm(FormName = "finding-inspection", Name = "action")] public string? InspectionAction { get; set; }

    [SupplyParameterFromForm(FormName = "finding-inspection", Name = "reason")] public string? InspectionReason { get; set; }

    [SupplyParameterFromForm(FormName = "finding-withdraw", Name = "id")] public long? WithdrawId { get; set; }

    [SupplyParameterFromForm(FormName = "finding-withdraw", Name = "reason")] public string? WithdrawReason { get; set; }

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [Inject] public required EvaluatorFindings Findings { get; set; }

    private FindingsView _view = new([], [], []);
    private string? _error;
    private string? _saved;

    protected override void OnParametersSet() => Load();

    private void Add() => Write(user =>
    {
        var target = Targets.FirstOrDefault(t => t.Value == PostedTarget).Value ?? throw new RubricInputException("请选择本评分方案中按督查发现计分的评分项。");
        var parts = target.Split('|');
        if (!DateOnly.TryParseExact(PostedFoundOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new RubricInputException("发现日期格式应为 yyyy-MM-dd。");
        }

        if (!int.TryParse(PostedCases, NumberStyles.None, CultureInfo.InvariantCulture, out var cases))
        {
            throw new RubricInputException("例数须为正整数。");
        }

        var f = Findings.Add(user, Rubric, Period, new FindingEntry(TownCode, parts[0], parts[1], date, PostedFoundBy ?? "", cases,
            PostedDescription ?? "", PostedEvidence ?? ""));
        (PostedTarget, PostedFoundOn, PostedCases, PostedDescription, PostedEvidence) = (null, null, null, null, null);
        return $"已登记发现 {f.Id}：{f.ItemCode} {f.Cases} 例（{f.FoundBy}，{Day(f.FoundOn)}）。";
    });

    private void SetInspection() => Write(user =>
    {
        var close = InspectionAction != "reopen";
        var i = Findings.SetInspection(user, Rubric, Period, TownCode, InspectionItem ?? "", close, InspectionReason ?? "");
        InspectionReason = null;
        return close ? $"已结项：{i.ItemCode} 已检查。" : $"已撤回结项：{i.ItemCode} 恢复待评。";
    });

    private void Withdraw() => Write(user =>
    {
        var f = Findings.Withdraw(user, Rubric, WithdrawId ?? 0, WithdrawReason ?? "");
        WithdrawReason = null;
        return $"已撤销发现 {f.Id}（{f.ItemCode} {f.Cases} 例）。";
    });

    private void Write(Func<string, string> change)
    {
        if (!CanWrite || HttpContext?.User.Identity?.Name is not { Length: > 0 } user)
        {
            if (HttpContext is not null)
            {
                HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            _error = "只有考核员或管理员可以登记督查发现。";
            return;
        }

        try
        {
            _saved = change(user);
        }
        catch (RubricInputException ex)
        {
            _error = ex.Message;
        }

        Load();
    }

    private void Load() => _view = Findings.View(Rubric, Period, TownCode);

    /// <summary>"item|input" → label: one entry per findings input (G2 offers 人身伤害 and 死亡).</summary>
    private IEnumerable<(string Value, string Text)> Targets => _view.Items.Where(i => i.Assessed).SelectMany(row => row.Item.Inputs.Select(input =>
        ($"{row.Item.Code}|{input.Name}", row.Item.Inputs.Count == 1 ? row.Item.Title : $"{row.Item.Title} · {input.Meaning}")));

    private string CsvLink => $"/api/evaluator/findings?rubric={Uri.EscapeDataString(Rubric.Id)}&period={Period}";

    private string InputMeaning(Finding f) => Rubric.FindInput(f.InputName)?.Meaning ?? f.InputName;

    private static string State(FindingItemRow row) => !row.Assessed
        ? "本期不考核"
        : row.Inspection is { } i
            ? $"已检查（{i.ClosedBy}，{BeijingTime.Day(i.ClosedAt)}）"
            : "待检查（待评）";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string ActionLabel(string action) => action switch
    {
        "add" => "登记",
        "correct" => "更正",
        "withdraw" => "撤销",
        "close" => "结项",
        _ => "撤回结项",
    };
}
