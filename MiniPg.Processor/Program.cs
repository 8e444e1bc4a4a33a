using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Messaging;
using MiniPg.Infrastructure.OpenApi;
using MiniPg.Infrastructure.Operators;
using MiniPg.Infrastructure.Outbox;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Processor.Authorization;
using MiniPg.Processor.Consuming;
using MiniPg.Processor.DeadLetters;
using MiniPg.Processor.Recovery;

namespace MiniPg.Processor;

/// <summary>
/// Consumes <c>payment.requested</c>, asks the acquirer, and records each outcome; relays its own outbox rows
/// (<c>payment.completed</c>/<c>payment.failed</c>) to Kafka.
/// </summary>
public sealed class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [ReplayDeadLettersCommand.Verb, ..])
        {
            return await ReplayDeadLettersCommand.RunAsync(args[1..]);
        }

        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.AddMiniPgDatabase();
        builder.AddMiniPgRedis();
        builder.AddMiniPgKafka();
        builder.AddAcquirerClient();
        builder.AddCardVault();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<ProcessorOptions>()
            .BindConfiguration(ProcessorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PaymentResourceCache>();
        builder.Services.AddScoped<PaymentAuthorizer>();
        builder.Services.AddSingleton<ProcessingActivities>();
        builder.Services.AddHostedService<PaymentRequestedConsumer>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.Services.AddSingleton<DeadLetterReplayer>();
        builder.Services.AddRecurringJob<StuckPaymentJanitor, StuckPaymentOptions>(StuckPaymentOptions.Section);
        OperatorOptions.Register(builder.Services);
        builder.Services.AddOpenApi(options => options.AddMiniPgConventions().AddOperatorKeyScheme());

        var app = builder.Build();

        app.MapDefaultEndpoints();
        app.MapOpenApi();
        app.MapDeadLetterEndpoints();

        await app.RunAsync();
        return 0;
    }
}
