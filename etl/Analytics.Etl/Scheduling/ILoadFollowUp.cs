using Quartz;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// Work that follows the loads inside the same scheduler (the host's briefings), registered in DI. Its jobs share the
/// scheduler's single thread, so they never run while a load runs: they run after the loads, as the data settles.
/// </summary>
public interface ILoadFollowUp
{
    /// <summary>Adds the follow-up's durable jobs when the scheduler is built.</summary>
    Task RegisterAsync(IScheduler scheduler, CancellationToken cancellationToken);

    /// <summary>After each successful load, on Quartz's thread: schedule work here, do not run it.</summary>
    Task LoadSucceededAsync(IScheduler scheduler, LoadRunOutcome outcome, CancellationToken cancellationToken);
}
