using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz.Spi;

namespace Analytics.Etl.Scheduling;

/// <summary>DI registration of the quarterly load scheduler.</summary>
public static class EtlSchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EtlScheduler"/>, its job factory, <see cref="QuarterlyLoadJob"/> and the hosted
    /// service that runs the scheduler with the host. The host registers what the job needs:
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
        services.TryAddSingleton<IJobFactory, ServiceProviderJobFactory>();
        services.TryAddTransient<QuarterlyLoadJob>();
        services.TryAddSingleton<EtlScheduler>();
        services.AddHostedService<EtlSchedulerHostedService>();
        return services;
    }
}
