using System.Globalization;
using Analytics.Metrics.Warehouse.Anomalies;

namespace Analytics.Forecasting.Anomalies;

/// <summary>The comparison section of `anomalies evaluate`: one line per detector set, then each combination flag.</summary>
public static class DetectorComparisonReport
{
    public static void Write(TextWriter o, IReadOnlyList<DetectorScore> scores, IReadOnlyList<AnomalyFlag> combination)
    {
        o.WriteLine("检测方法比较（全部注入异常）detectors compared:");
        foreach (var s in scores)
        {
            o.WriteLine($"  {s.Name}：查准率 {Ratio(s.Precision)}（{s.TruePositives}/{s.Flags}）；查全率 {Ratio(s.Recall)}（{s.Found}/{s.Truth}）");
        }

        foreach (var f in combination)
        {
            o.WriteLine($"  [组合] {f.Message}（{f.Detail}）");
        }
    }

    private static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
