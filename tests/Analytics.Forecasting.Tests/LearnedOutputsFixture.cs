namespace Analytics.Forecasting.Tests;

/// <summary>The hard-anomaly warehouse's machine-learned outputs, stored once by the real <see cref="LearnedRefresh"/>.</summary>
internal static class LearnedOutputsFixture
{
    private static readonly Lock Gate = new();
    private static LearnedRefreshResult? _result;

    public static LearnedRefreshResult Ensure(HardAnomalyWarehouse warehouse)
    {
        lock (Gate)
        {
            return _result ??= LearnedRefresh.Refresh(warehouse.Connection);
        }
    }
}
