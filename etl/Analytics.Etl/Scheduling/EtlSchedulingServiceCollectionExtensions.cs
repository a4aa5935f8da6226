using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Analytics.Etl.Scheduling;

/// <summary>DI registration of the quarterly load scheduler.</summary>
public static class EtlSchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers Quartz's scheduler (<c>AddQuartz</c>: in-memory store, its DI job factory) and hosted service
    /// (<c>AddQuartzHostedService</c>, waiting for running jobs on shutdown), <see cref="EtlScheduler"/>,
    /// <see cref="QuarterlyLoadJob"/> and <see cref="EtlSchedulerLifetime"/>. The host registers what the job needs:
    /// <c>WarehouseDatabase</c>, <c>PseudonymKey</c> and an <see cref="IExtractSourceFactory"/>
    /// (e.g. <see cref="FileDropSourceFactory"/>), plus logging.
    /// </summary>
    public static IServiceCollection AddEtlScheduling(this IServiceCollection services, Action<EtlSchedulerOptions>? configure = null)
    {
        var options = services.AddOptions<EtlSchedulerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<QuarterlyLoadJob>();
        services.TryAddSingleton<EtlScheduler>();
        // A named scheduler: its clock is its own (keyed), so the schedules run on real time even where the application's
        // TimeProvider, and with it the jobs' "today", is fixed.
        services.AddQuartz(EtlScheduler.SchedulerName, quartz =>
        {
            quartz.UseTimeProvider(TimeProvider.System);
            quartz.UseInMemoryStore();
            quartz.UseDefaultThreadPool();
        });
        services.AddOptions<InMemoryJobStoreOptions>(EtlScheduler.SchedulerName)
            .Configure<IOptions<EtlSchedulerOptions>>((store, etl) => store.MisfireThreshold = etl.Value.MisfireThreshold);
        services.AddOptions<ThreadPoolOptions>(EtlScheduler.SchedulerName)
            .Configure<IOptions<EtlSchedulerOptions>>((pool, etl) => pool.MaxConcurrency = Math.Max(1, etl.Value.MaxConcurrentLoads));
        services.AddHostedService<EtlSchedulerLifetime>();
        services.AddQuartzHostedService(hosting => hosting.WaitForJobsToComplete = true);
        return services;
    }
}
