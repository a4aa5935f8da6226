using Analytics.Metrics;

namespace Analytics.Reports.Content;

/// <summary>
/// The rubric a district is scored with for a year. A district without a rubric of that year (长宁 ships only 2023)
/// is scored with its nearest rubric (the latest earlier year, else the earliest later one), applied to the
/// requested year, and every page says so: a briefing that silently skipped a district would be worse for
/// leadership than one that states the rubric it used.
/// </summary>
public sealed record RubricChoice(Rubric Rubric, Rubric Source, string? Note)
{
    /// <summary>The districts that have at least one shipped rubric, in code order.</summary>
    public static IReadOnlyList<District> Districts =>
        RubricCatalog.All.Select(r => r.District).DistinctBy(d => d.Code).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

    public static RubricChoice? For(string districtCode, int year)
    {
        if (RubricCatalog.ForDistrict(districtCode, year) is { } exact)
        {
            return new RubricChoice(exact, exact, null);
        }

        var candidates = RubricCatalog.All.Where(r => r.District.Code == districtCode).ToList();
        var nearest = candidates.Where(r => r.Year < year).MaxBy(r => r.Year) ?? candidates.Where(r => r.Year > year).MinBy(r => r.Year);
        if (nearest is null)
        {
            return null;
        }

        var note = $"{nearest.District.Name}尚无 {year} 年度评分方案，本文沿用 {nearest.Year} 年度方案 {nearest.Id}（版本 {nearest.Version}）评分。";
        return new RubricChoice(nearest with { Year = year }, nearest, note);
    }
}
