using System.Diagnostics;
using Analytics.Etl.Loading;

namespace Analytics.Etl.Tests.Support;

/// <summary>
/// Waits on a command-line load's progress file (<c>&lt;db&gt;.load-progress.json</c>) until it reaches a state, so a
/// test acts at a known point of the batch instead of after a guessed time.
/// </summary>
public static class LoadProgressWait
{
    /// <summary>Polls until <paramref name="reached"/> holds; fails when the load ends first or never gets there.</summary>
    public static LoadProgressState Until(Process load, string databasePath, Func<LoadProgressState, bool> reached, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(load.HasExited, $"the load ended before {what}");
            if (LoadProgressFile.Read(databasePath) is { } progress && reached(progress))
            {
                return progress;
            }

            Thread.Sleep(10);
        }

        Assert.Fail($"the load never reached {what}");
        return null!;
    }
}
