using System.Diagnostics;

namespace Analytics.Etl.Tests.Support;

/// <summary>Runs the built command-line tool (`./analytics`) as a child process, as an operator would.</summary>
internal static class CommandLine
{
    /// <summary>cli/Analytics.Cli/bin/&lt;Configuration&gt;/net10.0/analytics.dll, built with this test project.</summary>
    public static string DllPath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;              // net10.0
        var configuration = output.Parent!.Name;  // Debug | Release
        var repository = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName; // …/bin/<cfg>/<tfm> → tests/Analytics.Etl.Tests → repo
        var path = Path.Combine(repository, "cli", "Analytics.Cli", "bin", configuration, framework, "analytics.dll");
        Assert.True(File.Exists(path), $"command-line build not found: {path}");
        return path;
    }

    public static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }
}
