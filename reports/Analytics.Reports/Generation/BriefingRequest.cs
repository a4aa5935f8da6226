using Analytics.Metrics;

namespace Analytics.Reports.Generation;

/// <summary>
/// Which documents to generate for a period: every district (or one, by name or code) with its towns' scorecards;
/// with <see cref="Town"/> (name or town code) only that town's scorecard.
/// </summary>
/// <param name="Trigger">Written to the index: schedule, operator or cli.</param>
public sealed record BriefingRequest(AssessmentPeriod Period, string? District = null, string? Town = null, string Trigger = "cli");

/// <summary>One document written by a run.</summary>
public sealed record GeneratedDocument(BriefingEntry Entry, string FullPath, TimeSpan Elapsed);

/// <summary>What a run did: the documents in the order generated, the time to read the numbers, and the total.</summary>
public sealed record BriefingRun(AssessmentPeriod Period, IReadOnlyList<GeneratedDocument> Documents, TimeSpan ReadElapsed, TimeSpan Elapsed)
{
    /// <summary>
    /// The documents per kind, e.g. "4 份季度简报、38 份街镇成绩单、10 份街镇贡献明细（按全区考核目标的区不为街镇评分）";
    /// the note says why a district's 街镇 got no 成绩单.
    /// </summary>
    public string Composition
    {
        get
        {
            var kinds = new[] { BriefingKind.District, BriefingKind.Town, BriefingKind.Contribution }
                .Select(k => (Kind: k, Count: Documents.Count(d => d.Entry.Kind == k))).Where(k => k.Count > 0)
                .Select(k => $"{k.Count} 份{BriefingKind.Label(k.Kind)}");
            var text = string.Join("、", kinds);
            return Documents.Any(d => d.Entry.Kind == BriefingKind.Contribution) ? text + "（按全区考核目标的区不为街镇评分，街镇出贡献明细而非成绩单）" : text;
        }
    }
}

/// <summary>Where briefings are written and how many documents print at once.</summary>
public sealed class BriefingOptions
{
    /// <summary>Folder of the PDF files (the index stores paths relative to it).</summary>
    public required string Folder { get; init; }

    /// <summary>Pages printed at the same time; 2 suits the 2-core machines (see `./analytics bench report`).</summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>Told (documents printed, documents of the run) once the numbers are read and after each document, from any thread.</summary>
    public Action<int, int>? Progress { get; init; }
}
