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

    /// <summary>Runs the tool to its end without a pseudonym key in the environment: exit code, standard output and error.</summary>
    public static (int Exit, string Output, string Error) Run(params string[] arguments) => RunVia([], new Dictionary<string, string>(), arguments);

    /// <summary>
    /// Runs the tool to its end through <paramref name="wrapper"/> (a command that ends by running its remaining arguments,
    /// such as setpriv or a shell that sets a limit first), with extra environment variables.
    /// </summary>
    public static (int Exit, string Output, string Error) RunVia(IReadOnlyList<string> wrapper, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(wrapper.Count > 0 ? wrapper[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in wrapper.Skip(1).Concat(wrapper.Count > 0 ? ["dotnet"] : []).Append(DllPath()).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ANALYTICS_PSEUDONYM_KEY");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>The console colours and wraps long lines at its width: compare messages without colour codes and white space.</summary>
    public static string WithoutSpaces(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\e\[[0-9;]*m|\s", "");
}
