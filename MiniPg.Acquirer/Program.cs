using MiniPg.Acquirer.Approvals;
using MiniPg.Acquirer.Authentication;
using MiniPg.Acquirer.Cancellations;
using MiniPg.Acquirer.Chaos;
using MiniPg.Acquirer.Http;
using MiniPg.Acquirer.Ledger;
using MiniPg.Acquirer.Transactions;

namespace MiniPg.Acquirer;

/// <summary>
/// The mock card acquirer: an outside system with its own contract and its own ledger. An explicit class rather than
/// top-level statements, so the tests can host it beside the Api's global <c>Program</c>.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.AddAcquirerDatabase();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAcquirerProblemDetails();
        builder.Services.AddAcquirerKey();
        builder.Services.AddValidation();
        builder.Services.AddOptions<AcquirerBehaviorOptions>()
            .BindConfiguration(AcquirerBehaviorOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ChaosSettings>();

        var app = builder.Build();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAcquirerKey();

        app.MapDefaultEndpoints();
        app.MapApprovalEndpoints();
        app.MapCancellationEndpoints();
        app.MapTransactionEndpoints();

        // A switch that makes payments fail belongs on a developer's machine only: no setting can map it anywhere else (ADR 23).
        if (app.Environment.IsDevelopment())
        {
            app.MapChaosEndpoints();
        }

        await AcquirerDatabase.EnsureCreatedAsync(app.Services, app.Lifetime.ApplicationStopping);
        await app.RunAsync();
    }
}
