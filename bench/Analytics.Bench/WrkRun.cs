using System.Diagnostics;
using System.Globalization;

namespace Analytics.Bench;

/// <summary>What one wrk run measured: throughput, latency percentiles and every kind of error wrk counts.</summary>
internal sealed record WrkResult(long Requests, TimeSpan Duration, double P50Ms, double P95Ms, double P99Ms, long SocketErrors, long Non2xx, long Timeouts)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    public long Errors => SocketErrors + Non2xx + Timeouts;
}

/// <summary>
/// Runs Debian's wrk against one URL. wrk's own <c>--latency</c> table has no 95th percentile, so a small Lua
/// <c>done</c> hook prints the percentiles and error counts as one machine-readable line.
/// </summary>
internal static class WrkRun
{
    private const string Marker = "WRK-RESULT";

    private static readonly string Script = $$"""
        -- Written by `analytics bench web`: one line with the figures the benchmark prints (%.0f: LuaJIT numbers are doubles).
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("{{Marker}} requests=%.0f duration_us=%.0f p50_us=%.0f p95_us=%.0f p99_us=%.0f connect=%.0f read=%.0f write=%.0f status=%.0f timeout=%.0f\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
            e.connect, e.read, e.write, e.status, e.timeout))
        end
        """;

    /// <summary>The wrk executable on PATH, or null when it is not installed.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "wrk"))
            .FirstOrDefault(File.Exists);

    /// <param name="headers">Extra request headers ("Cookie: …" for a signed-in page).</param>
    public static WrkResult Run(string wrk, string workDirectory, Uri url, int threads, int connections, int seconds, IReadOnlyList<string>? headers = null)
    {
        var script = Path.Combine(workDirectory, "bench-web.lua");
        File.WriteAllText(script, Script);
        var start = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t", $"{threads}", "-c", $"{connections}", "-d", $"{seconds}s", "--timeout", "10s", "-s", script })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var header in headers ?? [])
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }

        start.ArgumentList.Add(url.AbsoluteUri); // ToString() would unescape the 街镇 name, which wrk refuses

        using var process = Process.Start(start) ?? throw new InvalidOperationException("无法启动 wrk (could not start wrk)");
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(seconds + 120)))
        {
            process.Kill();
            throw new InvalidOperationException("wrk 未按时结束 (wrk did not finish)");
        }

        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk 没有输出结果 (no result from wrk, exit {process.ExitCode}): {text}{error.Result}");
        var values = line[Marker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => (long)double.Parse(pair[1], CultureInfo.InvariantCulture));
        return new WrkResult(values["requests"], TimeSpan.FromMicroseconds(values["duration_us"]),
            values["p50_us"] / 1000.0, values["p95_us"] / 1000.0, values["p99_us"] / 1000.0,
            values["connect"] + values["read"] + values["write"], values["status"], values["timeout"]);
    }
}
