using System.Diagnostics;
using Analytics.DuckDb.Tests.Support;

namespace Analytics.DuckDb.Tests;

[Collection(SerialCollection.Name)]
public sealed class StreamingMemoryTests : DuckDbTestBase
{
    private const long Limit = 200L * 1024 * 1024;

    [Fact]
    public void Ten_million_rows_stream_through_the_reader_in_bounded_memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var workingSetBefore = process.WorkingSet64;
        long peakManaged = 0;
        long peakWorkingSet = 0;

        using var command = new DuckDbCommand("SELECT i, i * 2 FROM range(10000000) t(i)", Connection);
        using var reader = command.ExecuteReader();
        long rows = 0, sumI = 0, sumDouble = 0;
        while (reader.Read())
        {
            sumI += reader.GetInt64(0);
            sumDouble += reader.GetInt64(1);
            if (++rows % 1_000_000 == 0)
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false) - managedBefore);
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64 - workingSetBefore);
            }
        }

        Assert.Equal(10_000_000L, rows);
        Assert.Equal(49_999_995_000_000L, sumI);
        Assert.Equal(99_999_990_000_000L, sumDouble);
        Assert.InRange(peakManaged, long.MinValue, Limit);
        Assert.InRange(peakWorkingSet, long.MinValue, Limit);
        Assert.InRange(GC.GetGCMemoryInfo().HeapSizeBytes, 0, managedBefore + Limit);
    }
}
