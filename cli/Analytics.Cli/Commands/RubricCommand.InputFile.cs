using System.Text.Json;
using Analytics.Metrics;

namespace Analytics.Cli.Commands;

internal static partial class RubricCommand
{
    /// <summary>
    /// Reads the `rubric eval` input file: { "period": "2024Q2", "inputs": {name: number|null},
    /// "judgements": {code: {score, evaluator, reason}}, "previous": {name: number|null} }.
    /// Every problem names the file and the JSON field.
    /// </summary>
    private static class RubricInputFile
    {
        public static RubricInputs Read(string path, string? periodOverride)
        {
            if (!File.Exists(path))
            {
                throw new CliInputException($"找不到输入文件 {path} (input file not found)");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException e)
            {
                throw new CliInputException($"{path} 不是有效的 JSON，第 {e.LineNumber + 1} 行：{e.Message} (invalid JSON)");
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new CliInputException($"{path}: 顶层应为对象 {{ \"inputs\": ..., \"judgements\": ..., \"previous\": ... }} (top level must be an object)");
                }

                foreach (var property in root.EnumerateObject())
                {
                    if (property.Name is not ("inputs" or "judgements" or "previous" or "period"))
                    {
                        throw new CliInputException($"{path}: 未知字段 {property.Name}，应为 inputs/judgements/previous/period (unknown field)");
                    }
                }

                return new RubricInputs(
                    Numbers(root, "inputs", path),
                    Judgements(root, path),
                    Numbers(root, "previous", path),
                    Period(root, periodOverride, path));
            }
        }

        private static Dictionary<string, decimal?> Numbers(JsonElement root, string field, string path)
        {
            var values = new Dictionary<string, decimal?>();
            if (!root.TryGetProperty(field, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return values;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new CliInputException($"{path}: 字段 {field} 应为对象 {{ 输入项名: 数值 }} (field '{field}' must be an object)");
            }

            foreach (var p in element.EnumerateObject())
            {
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Number when p.Value.TryGetDecimal(out var d) => d,
                    _ => throw new CliInputException($"{path}: {field}.{p.Name} 应为数值或 null (must be a number or null)"),
                };
            }

            return values;
        }

        private static Dictionary<string, Judgement> Judgements(JsonElement root, string path)
        {
            var judgements = new Dictionary<string, Judgement>();
            if (!root.TryGetProperty("judgements", out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return judgements;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new CliInputException($"{path}: 字段 judgements 应为对象 {{ 评分项编号: {{score, evaluator, reason}} }} (field 'judgements' must be an object)");
            }

            foreach (var p in element.EnumerateObject())
            {
                var where = $"{path}: judgements.{p.Name}";
                if (p.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new CliInputException($"{where} 应为对象 {{score, evaluator, reason}} (must be an object)");
                }

                if (!p.Value.TryGetProperty("score", out var score) || score.ValueKind != JsonValueKind.Number || !score.TryGetDecimal(out var value))
                {
                    throw new CliInputException($"{where}.score 缺失或不是数值 (missing or not a number)");
                }

                judgements[p.Name] = new Judgement(value, Text(p.Value, "evaluator", where), Text(p.Value, "reason", where));
            }

            return judgements;
        }

        private static string Text(JsonElement judgement, string field, string where) =>
            judgement.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
                ? v.GetString()!
                : throw new CliInputException($"{where}.{field} 缺失或为空，视情给分须记录评估人和理由 (missing '{field}')");

        private static AssessmentPeriod? Period(JsonElement root, string? periodOverride, string path)
        {
            var text = periodOverride;
            if (text is null && root.TryGetProperty("period", out var p) && p.ValueKind != JsonValueKind.Null)
            {
                text = p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText();
            }

            if (text is null)
            {
                return null;
            }

            return AssessmentPeriod.TryParse(text, out var period)
                ? period
                : throw new CliInputException($"{(periodOverride is null ? path + ": period" : "--period")} 取值 {text} 无效，应为 2024 或 2024Q2 (invalid period)");
        }
    }
}
