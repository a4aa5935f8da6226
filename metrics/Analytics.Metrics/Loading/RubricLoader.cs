using System.Text.RegularExpressions;
using Analytics.Metrics.Rules;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Analytics.Metrics.Loading;

/// <summary>Parses and validates one rubric YAML text; every problem is collected, then reported together.</summary>
public static partial class RubricLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$")]
    private static partial Regex InputNamePattern();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex DistrictCodePattern();

    public static Rubric LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <param name="fileName">Used in error messages and checked against the rubric id.</param>
    public static Rubric Parse(string yaml, string fileName)
    {
        RubricDocument? doc;
        try
        {
            doc = Yaml.Deserialize<RubricDocument>(yaml);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            throw new RubricValidationException(fileName, [$"YAML 语法或字段错误，第 {e.Start.Line} 行第 {e.Start.Column} 列：{inner}"]);
        }

        if (doc is null)
        {
            throw new RubricValidationException(fileName, ["文件为空 (empty file)"]);
        }

        var errors = new List<string>();
        var rubric = Build(doc, fileName, errors);
        if (errors.Count > 0 || rubric is null)
        {
            throw new RubricValidationException(fileName, errors);
        }

        return rubric;
    }

    private static Rubric? Build(RubricDocument doc, string fileName, List<string> errors)
    {
        void Top(string message) => errors.Add(message);
        string Req(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Top($"缺少字段 {field} (missing field '{field}')");
            }

            return value ?? "";
        }

        var id = Req(doc.Id, "id");
        if (id.Length > 0 && id != Path.GetFileNameWithoutExtension(fileName))
        {
            Top($"id {id} 与文件名不一致 (id must equal the file name without extension)");
        }

        var district = new District(Req(doc.District?.Name, "district.name"), Req(doc.District?.Code, "district.code"));
        if (district.Code.Length > 0 && !DistrictCodePattern().IsMatch(district.Code))
        {
            Top($"district.code {district.Code} 应为 6 位行政区划代码 (district code must be 6 digits)");
        }

        var unit = doc.Unit switch
        {
            "town" => AssessmentUnit.Town,
            "district" => AssessmentUnit.District,
            _ => (AssessmentUnit?)null,
        };
        if (unit is null)
        {
            Top($"unit {doc.Unit ?? "（缺失）"} 无效，应为 town（街镇）或 district（全区） (missing or invalid 'unit': town or district)");
        }

        if (doc.Year is not (>= 2000 and <= 2100))
        {
            Top("year 缺失或无效 (missing or invalid 'year')");
        }

        var total = doc.Total ?? 0m;
        if (doc.Total is null or <= 0m)
        {
            Top("缺少字段 total 或其值不大于 0 (missing or non-positive 'total')");
        }

        var grades = doc.Grades is null
            ? GradeThresholds.Default
            : new GradeThresholds(doc.Grades.Excellent ?? 90m, doc.Grades.Good ?? 80m, doc.Grades.Pass ?? 60m);
        if (!(total >= grades.Excellent && grades.Excellent > grades.Good && grades.Good > grades.Pass && grades.Pass > 0m))
        {
            Top("等级分数线应满足 total ≥ 优秀 > 良好 > 合格 > 0 (grade thresholds out of order)");
        }

        var inputs = BuildInputs(doc.Inputs, Top);
        var declared = inputs.Select(i => i.Name).ToHashSet();
        var used = new HashSet<string>();
        var defaultFrequency = ParseFrequency(doc.Frequency, Frequency.Annual, "frequency", Top);

        var sections = new List<RubricSection>();
        var codes = new HashSet<string>();
        foreach (var s in doc.Sections ?? [])
        {
            if (BuildSection(s, defaultFrequency, declared, used, codes, errors) is { } section)
            {
                sections.Add(section);
            }
        }

        if (sections.Count == 0)
        {
            Top("至少需要一个分区 sections (at least one section)");
        }

        var standardSum = sections.Where(s => s.Kind == SectionKind.Standard).Sum(s => s.Maximum);
        if (doc.Total is not null && standardSum != total)
        {
            Top($"各分区满分之和 {Fmt.Num(standardSum)} 不等于 total {Fmt.Num(total)} (section maxima do not add up to the total)");
        }

        var vetoes = new List<RubricVeto>();
        foreach (var v in doc.Vetoes ?? [])
        {
            var where = $"否决项 {v.Code ?? "?"}";
            if (string.IsNullOrWhiteSpace(v.Code) || string.IsNullOrWhiteSpace(v.Name) || string.IsNullOrWhiteSpace(v.Input))
            {
                Top($"{where}: 需要 code、name、input (veto needs code, name and input)");
                continue;
            }

            if (!codes.Add(v.Code))
            {
                Top($"{where}: 编号重复 (duplicate code)");
            }

            CheckInput(v.Input, declared, used, where, Top);
            vetoes.Add(new RubricVeto(v.Code, v.Name, v.Input, v.Note));
        }

        foreach (var unused in declared.Except(used).Order())
        {
            Top($"输入项 {unused} 已声明但未被任何评分项使用 (declared input '{unused}' is not used)");
        }

        var provenance = ProvenanceBuilder.Build(doc, grades, errors);
        return errors.Count > 0
            ? null
            : new Rubric(id, Req(doc.Title, "title"), district, unit!.Value, doc.Year!.Value, Req(doc.Version, "version"), Req(doc.Source, "source"),
                fileName, total, grades, sections, vetoes, inputs, doc.Note) { Provenance = provenance };
    }

    private static List<InputDefinition> BuildInputs(List<InputDocument>? docs, Action<string> error)
    {
        var inputs = new List<InputDefinition>();
        var names = new HashSet<string>();
        foreach (var d in docs ?? [])
        {
            if (string.IsNullOrWhiteSpace(d.Name) || string.IsNullOrWhiteSpace(d.Unit) || string.IsNullOrWhiteSpace(d.Meaning))
            {
                error($"输入项 {d.Name ?? "?"}: 需要 name、unit、meaning (input needs name, unit and meaning)");
                continue;
            }

            if (!InputNamePattern().IsMatch(d.Name))
            {
                error($"输入项 {d.Name}: 名称应为 domain.quantity 小写蛇形格式 (input name must look like 'domain.quantity')");
            }

            if (!names.Add(d.Name))
            {
                error($"输入项 {d.Name}: 重复声明 (declared twice)");
            }

            if (d.Source is not null && d.Source != InputDefinition.FindingsSource)
            {
                error($"输入项 {d.Name}: source 只能是 {InputDefinition.FindingsSource} (unknown input source '{d.Source}')");
            }

            inputs.Add(new InputDefinition(d.Name, d.Unit, d.Meaning, d.Source));
        }

        return inputs;
    }

    private static RubricSection? BuildSection(
        SectionDocument s, Frequency inherited, HashSet<string> declared, HashSet<string> used, HashSet<string> codes, List<string> errors)
    {
        var where = $"分区 {s.Code ?? "?"}（{s.Name ?? "?"}）";
        void Err(string message) => errors.Add($"{where}: {message}");
        if (string.IsNullOrWhiteSpace(s.Code) || string.IsNullOrWhiteSpace(s.Name))
        {
            Err("需要 code 和 name (section needs code and name)");
            return null;
        }

        var kind = s.Kind switch
        {
            null or "standard" => SectionKind.Standard,
            "bonus" => SectionKind.Bonus,
            "deduction" => SectionKind.Deduction,
            _ => (SectionKind?)null,
        };
        if (kind is null)
        {
            Err($"kind {s.Kind} 无效，应为 standard/bonus/deduction (invalid section kind)");
            return null;
        }

        var frequency = ParseFrequency(s.Frequency, inherited, "frequency", Err);
        var items = new List<RubricItem>();
        foreach (var d in s.Items ?? [])
        {
            if (BuildItem(d, s, kind.Value, frequency, declared, used, codes, errors) is { } item)
            {
                items.Add(item);
            }
        }

        if (items.Count == 0)
        {
            Err("没有评分项 (no items)");
        }

        var itemSum = items.Sum(i => i.Maximum);
        decimal maximum;
        switch (kind.Value)
        {
            case SectionKind.Standard when s.Weight is { } weight:
                if (weight <= 0m)
                {
                    Err("weight 必须大于 0 (weight must be > 0)");
                }

                if (s.Max is { } m && m != weight)
                {
                    Err("加权分区的 max 应省略或等于 weight (weighted section: max must equal weight)");
                }

                maximum = weight;
                break;
            case SectionKind.Standard:
                maximum = s.Max ?? 0m;
                if (s.Max is null)
                {
                    Err("缺少 max 或 weight (missing 'max' or 'weight')");
                }
                else if (itemSum != maximum)
                {
                    Err($"评分项满分之和 {Fmt.Num(itemSum)} 不等于分区满分 {Fmt.Num(maximum)} (item maxima do not add up to the section maximum)");
                }

                break;
            default:
                if (s.Cap is not > 0m)
                {
                    Err("加分项/扣分项分区需要正数 cap (bonus/deduction section needs a positive cap)");
                }

                maximum = kind == SectionKind.Bonus ? s.Cap ?? 0m : 0m;
                break;
        }

        return new RubricSection(s.Code, s.Name, kind.Value, maximum, kind == SectionKind.Standard ? s.Weight : null, s.Cap, items, s.Note);
    }

    private static RubricItem? BuildItem(
        ItemDocument d, SectionDocument section, SectionKind kind, Frequency inherited,
        HashSet<string> declared, HashSet<string> used, HashSet<string> codes, List<string> errors)
    {
        var where = $"评分项 {d.Code ?? "?"}（{d.Name ?? "?"}）";
        var before = errors.Count;
        void Err(string message) => errors.Add($"{where}: {message}");
        if (string.IsNullOrWhiteSpace(d.Code) || string.IsNullOrWhiteSpace(d.Name))
        {
            Err("需要 code 和 name (item needs code and name)");
            return null;
        }

        if (!codes.Add(d.Code))
        {
            Err("编号重复 (duplicate item code)");
        }

        var inputs = d.Inputs ?? new Dictionary<string, string>();
        foreach (var name in inputs.Values)
        {
            CheckInput(name, declared, used, where, errors.Add);
        }

        decimal maximum;
        if (kind == SectionKind.Deduction)
        {
            if (d.Max is not null)
            {
                Err("扣分项不设 max，扣分上限由分区 cap 决定 (deduction items take no max)");
            }

            maximum = 0m;
        }
        else
        {
            maximum = d.Max ?? 0m;
            if (d.Max is not > 0m)
            {
                Err("缺少 max 或其值不大于 0 (missing or non-positive 'max')");
            }

            if (kind == SectionKind.Bonus && section.Cap is { } cap && maximum > cap)
            {
                Err("加分评分项满分超过分区上限 cap (bonus item maximum exceeds the section cap)");
            }
        }

        if (string.IsNullOrWhiteSpace(d.Rule))
        {
            Err("缺少 rule (missing 'rule')");
            return null;
        }

        var spec = new RuleSpec(d.Code, d.Params ?? new ParamsDocument(), inputs, maximum, kind, Err);
        var rule = RuleFactory.Create(d.Rule, spec);
        if (rule is not null && d.Rule != "penalty" && kind == SectionKind.Deduction)
        {
            Err("扣分项分区只能使用 penalty 规则 (deduction sections use the penalty rule)");
        }

        var frequency = ParseFrequency(d.Frequency, inherited, "frequency", Err);
        return rule is null || errors.Count > before
            ? null
            : new RubricItem(d.Code, d.Name, section.Code!, d.Owner ?? section.Owner, frequency, maximum, rule, inputs, d.Criteria, d.Note);
    }

    private static void CheckInput(string name, HashSet<string> declared, HashSet<string> used, string where, Action<string> error)
    {
        if (!declared.Contains(name))
        {
            error($"{where}: 输入项 {name} 未在 inputs 中声明 (input '{name}' is not declared)");
        }

        used.Add(name);
    }

    private static Frequency ParseFrequency(string? text, Frequency inherited, string field, Action<string> error)
    {
        switch (text)
        {
            case null:
                return inherited;
            case "quarterly":
                return Frequency.Quarterly;
            case "annual":
                return Frequency.Annual;
            default:
                error($"{field} 取值 {text} 无效，应为 quarterly（季度考）或 annual（年度考） (invalid frequency)");
                return inherited;
        }
    }
}
