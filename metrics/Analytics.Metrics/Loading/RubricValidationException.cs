namespace Analytics.Metrics;

/// <summary>A rubric file is invalid; <see cref="Errors"/> names the file and the item of each problem.</summary>
public sealed class RubricValidationException(string fileName, IReadOnlyList<string> errors)
    : Exception($"评分方案文件 {fileName} 无效 (invalid rubric file):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors))
{
    public string FileName { get; } = fileName;
    public IReadOnlyList<string> Errors { get; } = errors;
}
