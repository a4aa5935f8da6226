using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Spi;

namespace Analytics.Etl.Scheduling;

/// <summary>
/// Creates each job instance in its own DI scope, so jobs take their dependencies through the constructor;
/// the scope is disposed when Quartz returns the job.
/// </summary>
public sealed class ServiceProviderJobFactory(IServiceScopeFactory scopes) : IJobFactory
{
    private readonly ConcurrentDictionary<IJob, IServiceScope> _scopes = new(ReferenceEqualityComparer.Instance);

    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler)
    {
        var scope = scopes.CreateScope();
        try
        {
            var job = (IJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, bundle.JobDetail.JobType);
            _scopes[job] = scope;
            return job;
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException)
        {
            scope.Dispose();
            throw new SchedulerException($"无法创建任务 {bundle.JobDetail.Key} (cannot create job {bundle.JobDetail.JobType.Name}): {ex.Message}", ex);
        }
    }

    public void ReturnJob(IJob job)
    {
        if (_scopes.TryRemove(job, out var scope))
        {
            scope.Dispose();
        }
    }
}
