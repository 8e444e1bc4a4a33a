using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.Infrastructure.Hosting;

public static class RecurringJobRegistration
{
    /// <summary>
    /// A <see cref="RecurringJob"/> as a hosted service and as a singleton (tests and operators run a round by hand),
    /// with its options bound from <paramref name="section"/> and validated at start-up.
    /// </summary>
    public static IServiceCollection AddRecurringJob<TJob, TOptions>(this IServiceCollection services, string section)
        where TJob : RecurringJob
        where TOptions : class
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TJob>();
        services.AddHostedService(provider => provider.GetRequiredService<TJob>());
        return services;
    }
}
