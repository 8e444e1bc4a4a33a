using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MiniPg.Infrastructure.Acquiring;

public static class AcquirerRegistration
{
    /// <summary>
    /// The acquirer client at <c>http://acquirer</c> (service discovery: <c>services__acquirer__http__0</c>), presenting
    /// <c>Acquirer:Key</c> on every call (a service without it does not start), with a resilience pipeline of its own: 2 s
    /// per attempt, 3 attempts, 8 s in all. A slower answer is an unknown outcome, settled by inquiry. Also the scoped
    /// <see cref="RecordedAcquirer"/>, which needs the host's <c>MiniPgDbContext</c> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IHostApplicationBuilder AddAcquirerClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AcquirerOptions>()
            .BindConfiguration(AcquirerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient<IAcquirerClient, AcquirerHttpClient>(ResourceNames.Acquirer, (services, http) =>
            {
                http.BaseAddress = new Uri($"http://{ResourceNames.Acquirer}");
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", services.GetRequiredService<IOptions<AcquirerOptions>>().Value.Key);
            })

            // The standard handler AddServiceDefaults puts on every client is one pipeline ("-standard") shared by all of
            // them, which options named "acquirer-standard" never reach (dotnet/extensions#4814): the acquirer gets a
            // pipeline, and a circuit breaker, of its own instead.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(100);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(8);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            });
        builder.Services.AddScoped<RecordedAcquirer>();
        return builder;
    }
}
