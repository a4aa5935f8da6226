namespace Analytics.Warehouse.Tests;

/// <summary>
/// A slow refresh (training the learned outputs) computes outside the file's refresh lock: a refresh of other derived
/// tables (the metric tables a page needs) runs meanwhile, a second refresh of the same tables waits for the first and
/// finds them current, and the write still runs one at a time per file.
/// </summary>
public sealed class DerivedTableRefreshTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_slow_computation_blocks_only_its_own_tables_and_a_second_refresh_of_them_finds_them_current()
    {
        using var file = new WarehouseFile();
        var warehouse = file.Open();
        using var first = warehouse.Connect();
        using var second = warehouse.Connect();
        using var computing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var stored = 0;
        bool Current() => Volatile.Read(ref stored) > 0;

        var slow = Task.Run(() => DerivedTableRefresh.IfStale(first, "learned", Current, () =>
        {
            computing.Set();
            release.Wait();
            return "trained";
        }, work =>
        {
            Interlocked.Increment(ref stored);
            return work + " and stored";
        }));
        Assert.True(computing.Wait(HangGuard));

        // The metric tables' refresh takes the file's lock while the slow one computes.
        Assert.Equal("metrics refreshed", await Task.Run(() => DerivedTableRefresh.IfStale(second, () => false, () => "metrics refreshed")).WaitAsync(HangGuard));
        var again = Task.Run(() => DerivedTableRefresh.IfStale(second, "learned", Current, () => "trained again", work => work));
        Assert.False(again.IsCompleted);

        release.Set();
        Assert.Equal("trained and stored", await slow.WaitAsync(HangGuard));
        Assert.Null(await again.WaitAsync(HangGuard));
        Assert.Equal(1, stored);
    }
}
