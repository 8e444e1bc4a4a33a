using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Http;
using MiniPg.Infrastructure.Operators;
using MiniPg.Settlement.Commands;
using MiniPg.Settlement.Reconciliation;
using MiniPg.Settlement.Retention;
using MiniPg.Settlement.Runs;
using MiniPg.Settlement.Scheduling;

namespace MiniPg.Settlement;

/// <summary>
/// Daily settlement and reconciliation: the operator's HTTP interface, the Cronos schedule, and the same verbs on the
/// command line (<c>settle</c>, <c>reconcile</c>). An explicit class, so the tests can host it beside the Api.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        if (OperatorCommands.Handles(args))
        {
            return await OperatorCommands.RunAsync(args);
        }

        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.AddSettlementRunners();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDocuments();
        builder.Services.ConfigureHttpJsonOptions(options => OperatorJson.Configure(options.SerializerOptions));
        builder.Services.AddValidation();
        builder.Services.AddOperatorOpenApi();
        builder.Services.AddOptions<SettlementOptions>()
            .BindConfiguration(SettlementOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        OperatorOptions.Register(builder.Services);
        builder.Services.AddHostedService<DailySettlementScheduler>();
        builder.Services.AddRecurringJob<RetentionJob, RetentionOptions>(RetentionOptions.Section);

        var app = builder.Build();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapDefaultEndpoints();
        app.MapOperatorOpenApi();
        app.MapSettlementRunEndpoints();
        app.MapReconciliationEndpoints();

        await app.RunAsync();
        return 0;
    }
}
