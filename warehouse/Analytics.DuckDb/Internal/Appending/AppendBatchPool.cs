namespace Analytics.DuckDb.Internal.Appending;

/// <summary>
/// The batches of one appender: the one being filled, the ones DuckDB is reading, and the free ones.
/// A limit on their number bounds the appender's memory: when every batch is in DuckDB's hands the
/// writer waits until DuckDB releases one.
/// </summary>
internal sealed class AppendBatchPool(IReadOnlyList<ArrowColumn> columns, int capacity) : IDisposable
{
    private readonly object _gate = new();
    private readonly Stack<AppendBatch> _free = new();
    private readonly List<AppendBatch> _all = [];

    // Each of DuckDB's threads (one per core unless configured) holds one, one waits filled for the next thread that
    // asks, and one is being filled. With no filled one waiting, a thread that finished its batch waited for the
    // writer: 1.89–1.93 cores busy on a 2-core machine, against 1.93–1.95 with it.
    private static readonly int Limit = Environment.ProcessorCount + 2;

    /// <summary>A batch to fill; waits while all are in use, unless <paramref name="consumer"/> has stopped reading.</summary>
    public AppendBatch Rent(Task? consumer)
    {
        lock (_gate)
        {
            while (true)
            {
                if (_free.TryPop(out var batch))
                {
                    batch.Reset();
                    return batch;
                }

                // A consumer that has ended releases nothing more; the caller learns why at its next hand-over.
                if (_all.Count < Limit || consumer is { IsCompleted: true })
                {
                    var created = new AppendBatch(this, columns, capacity);
                    _all.Add(created);
                    return created;
                }

                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Takes a batch back: from DuckDB's release callback (any thread) or from the appender.</summary>
    public void Return(AppendBatch batch)
    {
        lock (_gate)
        {
            _free.Push(batch);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Frees the batches' memory. A batch DuckDB never released is left allocated rather than freed under it.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var batch in _free)
            {
                batch.Dispose();
            }

            _free.Clear();
            _all.Clear();
        }
    }
}
