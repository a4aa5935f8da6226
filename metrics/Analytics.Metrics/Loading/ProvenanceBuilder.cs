using System.Text.RegularExpressions;
using Analytics.Metrics.Rules;
using YamlDotNet.Serialization.NamingConventions;

namespace Analytics.Metrics.Loading;

/// <summary>
/// Lists every number a rubric file states and finds the provenance entry that covers it. A number without
/// one is a load error, so an invented value can never pass for the notice's own.
/// </summary>
internal static class ProvenanceBuilder
{
    private sealed record Pattern(ProvenanceEntry Entry, Regex Regex, bool Wildcard);

    private static readonly Dictionary<string, string> ParamLabels = new(StringComparer.Ordinal)
    {
        ["band"] = "基准线", ["step"] = "每档幅度", ["deduction"] = "每档扣分", ["per_case"] = "每例分值", ["cap"] = "封顶",
        ["ratio"] = "配比", ["value"] = "达标值", ["no_baseline"] = "无上年基数时得分", ["min"] = "最低分", ["target"] = "目标值",
    };

    public static RubricProvenance Build(RubricDocument doc, GradeThresholds grades, List<string> errors)
    {
        var patterns = Entries(doc.Provenance, errors);
        var stated = Numbers(doc, grades).ToList();
        var numbers = new List<SourcedNumber>();
        var missing = new List<string>();
        foreach (var (path, owner, label, value) in stated)
        {
            // The most specific entry wins: an exact path or prefix before a pattern, then the longer key.
            var entry = patterns.Where(p => p.Regex.IsMatch(path))
                .OrderBy(p => p.Wildcard)
                .ThenByDescending(p => p.Entry.Key.Length)
                .Select(p => p.Entry)
                .FirstOrDefault();
            if (entry is null)
            {
                missing.Add(path);
            }
            else
            {
                numbers.Add(new SourcedNumber(path, owner, label, value, entry));
            }
        }

        if (missing.Count > 0)
        {
            errors.Add($"以下 {missing.Count} 个数字缺少来源，请在文件末尾 provenance 中补充 seed（通知原文）或 assumption（本系统设定的理由）"
                + $" (numbers without provenance): {string.Join(", ", missing)}");
        }

        foreach (var unmatched in patterns.Where(p => !stated.Any(n => p.Regex.IsMatch(n.Path))))
        {
            errors.Add($"provenance 键 {unmatched.Entry.Key} 不对应任何数字 (provenance key matches no number)");
        }

        return new RubricProvenance(patterns.Select(p => p.Entry).ToList(), numbers);
    }

    private static List<Pattern> Entries(Dictionary<string, ProvenanceEntryDocument>? docs, List<string> errors)
    {
        var patterns = new List<Pattern>();
        foreach (var (key, d) in docs ?? [])
        {
            var hasSeed = !string.IsNullOrWhiteSpace(d?.Seed);
            var hasAssumption = !string.IsNullOrWhiteSpace(d?.Assumption);
            if (string.IsNullOrWhiteSpace(key) || hasSeed == hasAssumption)
            {
                errors.Add($"provenance 键 {key}: 需要 seed（通知原文）或 assumption（本系统设定的理由）二者之一 (entry needs exactly one of seed or assumption)");
                continue;
            }

            var entry = hasSeed
                ? new ProvenanceEntry(key, ProvenanceKind.Seed, d!.Seed!.Trim(), d.Note)
                : new ProvenanceEntry(key, ProvenanceKind.Assumption, d!.Assumption!.Trim(), d.Note);

            // A key covers the path itself and every path below it; * stands for any run of characters.
            var regex = new Regex("^" + Regex.Escape(key).Replace("\\*", ".*", StringComparison.Ordinal) + "(\\..+)?$", RegexOptions.CultureInvariant);
            patterns.Add(new Pattern(entry, regex, key.Contains('*', StringComparison.Ordinal)));
        }

        return patterns;
    }

    private static IEnumerable<(string Path, string? Owner, string Label, string Value)> Numbers(RubricDocument doc, GradeThresholds grades)
    {
        if (doc.Total is { } total)
        {
            yield return ("total", null, "总分", Fmt.Num(total));
        }

        yield return ("grades.excellent", null, "优秀线", Fmt.Num(grades.Excellent));
        yield return ("grades.good", null, "良好线", Fmt.Num(grades.Good));
        yield return ("grades.pass", null, "合格线", Fmt.Num(grades.Pass));

        foreach (var s in doc.Sections ?? [])
        {
            var at = $"sections.{s.Code}";
            if (s.Max is { } max)
            {
                yield return ($"{at}.max", s.Code, "满分", Fmt.Num(max));
            }

            if (s.Weight is { } weight)
            {
                yield return ($"{at}.weight", s.Code, "权重", Fmt.Num(weight));
            }

            if (s.Cap is { } cap)
            {
                yield return ($"{at}.cap", s.Code, s.Kind == "deduction" ? "扣分上限" : "加分上限", Fmt.Num(cap));
            }

            foreach (var i in s.Items ?? [])
            {
                foreach (var number in ItemNumbers(i))
                {
                    yield return number;
                }
            }
        }
    }

    private static IEnumerable<(string Path, string? Owner, string Label, string Value)> ItemNumbers(ItemDocument i)
    {
        var at = $"items.{i.Code}";
        if (i.Max is { } max)
        {
            yield return ($"{at}.max", i.Code, "满分", Fmt.Num(max));
        }

        if (i.Params is not { } p)
        {
            yield break;
        }

        // Every decimal parameter is a number, including ones added later: reflection keeps a new parameter from
        // slipping past the check.
        foreach (var property in typeof(ParamsDocument).GetProperties())
        {
            if (property.PropertyType == typeof(decimal?) && property.GetValue(p) is decimal v)
            {
                var key = UnderscoredNamingConvention.Instance.Apply(property.Name);
                yield return ($"{at}.params.{key}", i.Code, ParamLabels.GetValueOrDefault(key, key), Fmt.Num(v));
            }
        }

        if (p.Tiers is { Count: > 0 } tiers)
        {
            yield return ($"{at}.params.tiers", i.Code, "分档",
                string.Join("；", tiers.Select(t => $"{(t.Score is { } s ? Fmt.Num(s) : "?")} 分（{t.When}）")));
        }

        if (p.Allowed is { Count: > 0 } allowed)
        {
            yield return ($"{at}.params.allowed", i.Code, "可给分值", string.Join("、", allowed.Select(Fmt.Num)));
        }

        if (p.Points is { Count: > 0 } points)
        {
            yield return ($"{at}.params.points", i.Code, "每例扣分", string.Join("；", points.Select(kv => $"{kv.Key} {Fmt.Num(kv.Value)}")));
        }
    }
}
