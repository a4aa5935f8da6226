using System.Diagnostics;
using Analytics.Metrics;
using Analytics.Metrics.Warehouse.Indicators;
using Analytics.Reports.Browser;
using Analytics.Reports.Content;
using Analytics.Reports.Html;
using Analytics.Reports.Printing;
using Analytics.Warehouse;

namespace Analytics.Reports.Generation;

/// <summary>
/// Generates the briefings of a period: reads the numbers once (<see cref="BriefingReader"/>), renders each document's
/// HTML, prints a few at a time with the shared browser, writes each PDF atomically under the briefing folder and
/// records the run in the <see cref="BriefingIndex"/>. A document generated before is not overwritten: its file moves to
/// the folder's <c>versions</c> subfolder and its entry is kept as an earlier version. Shared by `./analytics report`, `bench report` and the host's job.
/// </summary>
public sealed class BriefingGenerator(WarehouseDatabase warehouse, ChromiumBrowser browser, BriefingOptions options, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <exception cref="BriefingNoDataException">No data for the period: nothing is written.</exception>
    /// <exception cref="ArgumentException">An unknown district or town.</exception>
    public async Task<BriefingRun> GenerateAsync(BriefingRequest request, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var generatedAt = _clock.GetUtcNow();
        IReadOnlyList<DistrictBriefing> briefings;
        using (var connection = warehouse.Connect())
        {
            // Never trains (seconds): the target section shows the projections stored for the current data, or says they are
            // being computed. `./analytics report` trains before it generates; the host trains in its warm-up after a load.
            IndicatorEngine.RefreshIfStale(connection);
            briefings = new BriefingReader(connection).Read(request.Period, generatedAt, DistrictCode(request.District));
        }

        var readElapsed = clock.Elapsed;
        var work = Documents(briefings, request);
        var documents = new GeneratedDocument?[work.Count];
        var printed = 0;
        options.Progress?.Invoke(0, work.Count);
        await using (var html = new BriefingHtml())
        await using (var printer = new PdfPrinter(browser))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, work.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken },
                async (i, token) =>
                {
                    documents[i] = await WriteAsync(work[i], html, printer, request, token).ConfigureAwait(false);
                    options.Progress?.Invoke(Interlocked.Increment(ref printed), work.Count);
                }).ConfigureAwait(false);
        }

        var written = documents.Select(d => d!).ToList();
        var index = new BriefingIndex(warehouse);
        foreach (var document in written)
        {
            KeepEarlierVersion(index, document.Entry.FilePath);
            File.Move(document.FullPath + ".tmp", document.FullPath, overwrite: true);
        }

        index.Record(written.Select(d => d.Entry).ToList());
        return new BriefingRun(request.Period, written, readElapsed, clock.Elapsed);
    }

    /// <summary>A document to write: a district briefing (Town null) or one town's scorecard or contribution sheet.</summary>
    private sealed record Work(DistrictBriefing District, TownScorecard? Town);

    private static List<Work> Documents(IReadOnlyList<DistrictBriefing> briefings, BriefingRequest request)
    {
        var work = new List<Work>();
        foreach (var district in briefings)
        {
            if (request.Town is null)
            {
                work.Add(new Work(district, null));
            }

            var towns = district.Rows.OrderBy(r => r.Town.Town.TownCode, StringComparer.Ordinal).ToList();
            for (var i = 0; i < towns.Count; i++)
            {
                var town = towns[i].Town.Town;
                if (request.Town is null || request.Town == town.TownName || request.Town == town.TownCode)
                {
                    var stamp = district.Stamp with { DocumentNumber = $"{district.Stamp.DocumentNumber}附{i + 1}" };
                    work.Add(new Work(district, new TownScorecard(district, towns[i], i + 1, stamp)));
                }
            }
        }

        if (work.Count == 0)
        {
            throw new ArgumentException($"找不到街镇 {request.Town} (unknown town)", nameof(request));
        }

        return work;
    }

    private async Task<GeneratedDocument> WriteAsync(Work work, BriefingHtml html, PdfPrinter printer, BriefingRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var d = work.District;
        var town = work.Town;
        var stamp = town?.Stamp ?? d.Stamp;
        var title = town is null ? $"{d.DistrictName}民政工作{ChineseNumbers.PeriodLabel(d.Period)}简报" : town.Title;
        var text = town is null ? await html.DistrictAsync(d).ConfigureAwait(false) : await html.TownAsync(town).ConfigureAwait(false);
        var kind = town is null ? BriefingKind.District : town.Contribution is null ? BriefingKind.Town : BriefingKind.Contribution;
        var pdf = await printer.PrintAsync(text, PageStamp.Of(stamp, title), cancellationToken).ConfigureAwait(false);

        var relative = Path.Combine(d.Period.ToString(), $"{d.DistrictCode}-{d.DistrictName}",
            town is null ? $"{d.DistrictName}{d.Period}简报.pdf" : $"{town.Sequence:00}-{town.Town.TownName}{d.Period}{BriefingKind.FileWord(kind)}.pdf");
        var full = Path.Combine(options.Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Moved into place once every document printed, after the earlier version is moved aside.
        await File.WriteAllBytesAsync(full + ".tmp", pdf, cancellationToken).ConfigureAwait(false);

        var entry = new BriefingEntry(0, kind, d.Period.ToString(), d.DistrictCode, d.DistrictName,
            town?.Town.TownCode, town?.Town.TownName, stamp.DocumentNumber, relative, pdf.Length, PdfPrinter.PageCount(pdf),
            stamp.RubricId, stamp.RubricVersion, stamp.DataVersion, stamp.DataAsOf, stamp.GeneratedAt, request.Trigger, stamp.JudgementVersion);
        return new GeneratedDocument(entry, full, clock.Elapsed);
    }

    /// <summary>
    /// Moves the current file of <paramref name="relative"/> to <c>versions/</c> beside it, named by its index id, and marks
    /// its entry superseded. A file without a current entry (an index lost) is simply replaced.
    /// </summary>
    private void KeepEarlierVersion(BriefingIndex index, string relative)
    {
        var full = Path.Combine(options.Folder, relative);
        if (index.CurrentAt(relative) is not { } current || !File.Exists(full))
        {
            return;
        }

        var archived = Path.Combine(Path.GetDirectoryName(relative) ?? "", "versions", $"{current.Id}-{Path.GetFileName(relative)}");
        var archivedFull = Path.Combine(options.Folder, archived);
        Directory.CreateDirectory(Path.GetDirectoryName(archivedFull)!);
        File.Move(full, archivedFull, overwrite: true);
        index.Supersede(current.Id, archived, _clock.GetUtcNow());
    }

    /// <summary>A district given by name (松江区, 松江) or code (310117); null for every district.</summary>
    private static string? DistrictCode(string? district)
    {
        if (string.IsNullOrWhiteSpace(district))
        {
            return null;
        }

        var d = district.Trim();
        return RubricChoice.Districts.FirstOrDefault(x => x.Code == d || x.Name == d || x.Name == d + "区")?.Code
            ?? throw new ArgumentException(
                $"未知的区 {district}，可选：{string.Join("、", RubricChoice.Districts.Select(x => x.Name))} (unknown district)", nameof(district));
    }
}
