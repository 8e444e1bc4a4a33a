using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Hosting;

namespace MiniPg.Core.Acquiring;

public static class AcquirerRegistration
{
    /// <summary>
    /// The acquirer client at <c>http://acquirer</c> (service discovery: <c>services__acquirer__http__0</c>), with its own
    /// resilience: 2 s per attempt, 3 attempts, 8 s in all. A slower answer is an unknown outcome, settled by inquiry.
    /// </summary>
    public static IHostApplicationBuilder AddAcquirerClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<IAcquirerClient, AcquirerHttpClient>(ResourceNames.Acquirer, http => http.BaseAddress = new Uri($"http://{ResourceNames.Acquirer}"));

        // Tunes the standard handler that AddServiceDefaults puts on every client (its options are named "<client>-standard").
        builder.Services.Configure<HttpStandardResilienceOptions>($"{ResourceNames.Acquirer}-standard", options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(100);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(8);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            });
        return builder;
    }
}
