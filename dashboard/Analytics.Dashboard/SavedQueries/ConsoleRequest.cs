using System.Globalization;

namespace Analytics.Dashboard.SavedQueries;

/// <summary>
/// The console form's fields beyond the SQL: the chart controls and the save panel, which sit outside the form element
/// and join it with <c>form="sql-form"</c> so that saving and drawing submit the editor's current text.
/// </summary>
public sealed record ConsoleRequest(string? Command, long? SaveId, SavedQueryDraft Draft)
{
    public const string FormId = "sql-form";
    public const string CommandField = "command";
    public const string Save = "save";
    public const string SaveAsNew = "save-new";
    public const string Delete = "delete";
    public const string SaveIdField = "save-id";
    public const string TitleField = "save-title";
    public const string DescriptionField = "save-description";
    public const string SharedField = "save-shared";
    public const string ChartKindField = "chart-kind";
    public const string ChartXField = "chart-x";
    public const string ChartSeriesField = "chart-series";
    public const string ChartDrawField = "chart-draw";

    public static ConsoleRequest Read(IFormCollection form, string? sql)
    {
        var id = long.TryParse(form[SaveIdField], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : (long?)null;
        var draft = new SavedQueryDraft(form[TitleField], form[DescriptionField], sql, form.ContainsKey(SharedField), Chart(form));
        return new ConsoleRequest(form[CommandField].FirstOrDefault(), id, draft);
    }

    /// <summary>
    /// The chart asked for: a kind chosen in the form, or the draw button (a bar chart when no kind is chosen yet); null
    /// when the analyst has not asked for a chart.
    /// </summary>
    private static ChartSettings? Chart(IFormCollection form)
    {
        var kind = form[ChartKindField].FirstOrDefault();
        if (!ChartSettings.IsKind(kind))
        {
            if (!form.ContainsKey(ChartDrawField))
            {
                return null;
            }

            kind = ChartSettings.Bar;
        }

        var x = form[ChartXField].FirstOrDefault();
        return new ChartSettings(kind!, string.IsNullOrEmpty(x) ? null : x, form[ChartSeriesField].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList());
    }
}
