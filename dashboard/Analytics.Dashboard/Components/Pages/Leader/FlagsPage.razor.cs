using Analytics.Dashboard.Components.Shared;
using Analytics.Dashboard.Leadership;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Anomalies;
using Microsoft.AspNetCore.Components;

namespace Analytics.Dashboard.Components.Pages.Leader;

/// <summary>
/// /leader/flags: the anomaly flags and 亮点 of every loaded quarter, filtered by district, quarter, category and status
/// (GET form); the 处理 link of a row opens its review (POST form with antiforgery) and history.
/// </summary>
public partial class FlagsPage
{
    [SupplyParameterFromQuery(Name = "district")] public string? District { get; set; }

    [SupplyParameterFromQuery(Name = "period")] public string? Period { get; set; }

    [SupplyParameterFromQuery(Name = "category")] public string? Category { get; set; }

    [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }

    /// <summary>The flag whose review is open (the 处理 link of a row).</summary>
    [SupplyParameterFromQuery(Name = "flag")] public string? Flag { get; set; }

    [SupplyParameterFromForm(FormName = "flag-review", Name = "flag")] public string? PostedFlag { get; set; }

    [SupplyParameterFromForm(FormName = "flag-review", Name = "status")] public string? PostedStatus { get; set; }

    [SupplyParameterFromForm(FormName = "flag-review", Name = "owner")] public string? PostedOwner { get; set; }

    [SupplyParameterFromForm(FormName = "flag-review", Name = "note")] public string? PostedNote { get; set; }

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    private IReadOnlyList<(string Code, string Name)> _districts = [];
    private IReadOnlyList<string> _periods = [];
    private IReadOnlyList<FlagRow> _rows = [];
    private FlagRow? _selected;
    private IReadOnlyList<FlagReview> _history = [];
    private FlagReview? _saved;
    private string? _error;

    private bool _loaded;

    protected override async Task OnInitializedAsync()
    {
        _districts = LeadershipScores.Rubrics.Select(r => (r.District.Code, r.District.Name)).Distinct().OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        if (StreamedPage.Allowed(HttpContext))
        {
            // Off the render thread, so the loading state is sent while the flags are read.
            await Task.Run(Read);
        }
        else
        {
            Read();
        }

        _loaded = true;
    }

    private void Read()
    {
        _periods = Reviews.Periods();
        Load();
    }

    private void Save()
    {
        if (HttpContext?.User.Identity?.Name is not { Length: > 0 } user)
        {
            return;
        }

        try
        {
            _saved = Reviews.Record(user, PostedFlag ?? "", PostedStatus ?? "", PostedOwner, PostedNote);
            PostedNote = null;
        }
        catch (RubricInputException ex)
        {
            _error = ex.Message;
        }

        Flag = PostedFlag;
        Load();
    }

    private void Load()
    {
        _rows = Reviews.List(new FlagFilter(District, Period, Category, Status));
        var key = Flag;
        _selected = key is null ? null : _rows.FirstOrDefault(r => r.Key == key) ?? Reviews.List(new FlagFilter(null, null, null, null)).FirstOrDefault(r => r.Key == key);
        _history = _selected is null ? [] : Reviews.History(_selected.Key);
    }

    // A refused review shows what was posted, so the reviewer adds the missing note instead of choosing everything again.
    private string ShownStatus(FlagRow selected) => _error is not null && PostedStatus is { Length: > 0 } posted ? posted : selected.Status;

    private string? ShownOwner(FlagRow selected) => _error is not null ? PostedOwner : selected.Review?.Owner;

    private string SelfLink(string key) =>
        $"/leader/flags?district={Uri.EscapeDataString(District ?? "")}&period={Uri.EscapeDataString(Period ?? "")}" +
        $"&category={Uri.EscapeDataString(Category ?? "")}&status={Uri.EscapeDataString(Status ?? "")}&flag={Uri.EscapeDataString(key)}#flag-review";
}
