using MiniPg.Core.Acquiring;
using MiniPg.Core.Persistence;
using MiniPg.Core.Reconciliation;
using MiniPg.Core.SettlementRuns;
using MiniPg.Settlement;
using MiniPg.Settlement.Commands;
using MiniPg.Settlement.Operators;
using MiniPg.Settlement.Runs;
using MiniPg.Settlement.Scheduling;

if (SettleCommand.Handles(args))
{
    return await SettleCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMiniPgDatabase();
builder.AddAcquirerClient();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddValidation();
builder.Services.AddOptions<SettlementOptions>()
    .BindConfiguration(SettlementOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddScoped<OperatorKeyFilter>();
builder.Services.AddScoped<SettlementRunner>();
builder.Services.AddReconciliation();
builder.Services.AddHostedService<DailySettlementScheduler>();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapDefaultEndpoints();
app.MapSettlementRunEndpoints();

await app.RunAsync();
return 0;

