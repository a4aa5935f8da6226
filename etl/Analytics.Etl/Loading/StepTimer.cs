using System.Diagnostics;

namespace Analytics.Etl.Loading;

/// <summary>Adds up the time a load spends in each of its steps, for the run log.</summary>
internal sealed class StepTimer
{
    private readonly Dictionary<string, long> _totals = [];

    public IReadOnlyDictionary<string, long> Totals => _totals;

    public void Time(string step, Action action) => Time(step, () =>
    {
        action();
        return 0;
    });

    public T Time<T>(string step, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return action();
        }
        finally
        {
            _totals[step] = _totals.GetValueOrDefault(step) + clock.ElapsedMilliseconds;
        }
    }
}
