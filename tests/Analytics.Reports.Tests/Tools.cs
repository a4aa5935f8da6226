using System.Diagnostics;

namespace Analytics.Reports.Tests;

/// <summary>Child processes the tests check the briefings with: the built command-line tool and poppler-utils.</summary>
public static class Tools
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Repository root, from tests/Analytics.Reports.Tests/bin/&lt;cfg&gt;/&lt;tfm&gt;.</summary>
    public static string RepositoryRoot { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>Runs cli/Analytics.Cli/bin/&lt;cfg&gt;/net10.0/analytics.dll (built with this project) with the arguments.</summary>
    public static Result Analytics(params string[] arguments)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(RepositoryRoot, "cli", "Analytics.Cli", "bin", output.Parent!.Name, output.Name, "analytics.dll");
        Assert.True(File.Exists(dll), $"command-line build not found: {dll}");
        return Run("dotnet", [dll, .. arguments]);
    }

    /// <summary>pdftotext -layout of some pages (all when <paramref name="first"/> is null) to standard output.</summary>
    public static string PdfText(string pdf, int? first = null, int? last = null)
    {
        var arguments = new List<string> { "-layout", "-enc", "UTF-8" };
        if (first is { } f)
        {
            arguments.AddRange(["-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", (last ?? f).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        var result = Run("pdftotext", [.. arguments, pdf, "-"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }

    /// <summary>The text with every kind of white space removed, so that sentences broken across lines compare whole.</summary>
    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    public static int PageCount(string pdf)
    {
        var info = Run("pdfinfo", [pdf]);
        Assert.True(info.ExitCode == 0, info.Error);
        var line = info.Output.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Result Run(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} did not finish");
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
