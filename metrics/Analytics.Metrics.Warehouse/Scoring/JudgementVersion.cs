using System.Globalization;
using Analytics.DuckDb;
using DuckDB.NET.Data;

namespace Analytics.Metrics.Warehouse.Scoring;

/// <summary>
/// The judgement version (评审版本): where the evaluators' input stands, as the newest entries of the judgement history
/// and the findings history ("J12-F3"). Every 视情给分, finding, correction, withdrawal and inspection close or reopen
/// appends a history row numbered by a sequence, so any change that can move a score moves this version.
/// </summary>
public static class JudgementVersion
{
    /// <summary>The version of one rubric's judgements and findings, or (<paramref name="rubricId"/> null) of all rubrics.</summary>
    public static string Read(DuckDBConnection connection, string? rubricId = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT coalesce(max(history_id), 0) FROM judgement_history WHERE $1 IS NULL OR rubric_id = $1),
                   (SELECT coalesce(max(history_id), 0) FROM finding_history WHERE $1 IS NULL OR rubric_id = $1)
            """;
        command.Parameters.AddValue(rubricId);
        using var reader = command.ExecuteReader();
        reader.Read();
        var judgements = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        var findings = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return $"J{judgements}-F{findings}";
    }
}
