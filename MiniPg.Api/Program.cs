using Microsoft.Extensions.Diagnostics.HealthChecks;
using MiniPg.Api.Auth;
using MiniPg.Api.Commands;
using MiniPg.Api.Http;
using MiniPg.Api.Idempotency;
using MiniPg.Api.OpenApi;
using MiniPg.Api.Payments;
using MiniPg.Api.Settlements;
using MiniPg.Api.Webhooks;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Http;
using MiniPg.Infrastructure.Messaging;
using MiniPg.Infrastructure.Outbox;
using MiniPg.Infrastructure.Persistence;

if (args is [MigrateCommand.Verb, ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddHttpLimits();
builder.AddMiniPgDatabase();
builder.AddMiniPgRedis();
// Accepting a payment needs PostgreSQL only: the outbox holds its event while Kafka is down, so the Api stays ready (ADR 24).
builder.AddMiniPgKafka(whenDown: HealthStatus.Degraded);
builder.AddAcquirerClient();
builder.AddCardVault();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDocuments();
builder.Services.AddValidation();
builder.Services.AddMerchantOpenApi();
builder.Services.AddAuthentication(MerchantAuthenticationHandler.SchemeName)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, MerchantAuthenticationHandler>(MerchantAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddSingleton<MerchantKeys>();
builder.Services.AddOptions<IdempotencyOptions>()
    .BindConfiguration(IdempotencyOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddOptions<IdempotencyRecordRetentionOptions>()
    .BindConfiguration(IdempotencyRecordRetentionOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.Services.AddSingleton<RequestFingerprint>();
builder.Services.AddSingleton<IdempotencyStore>();
builder.Services.AddScoped<IdempotentRequests>();
builder.Services.AddSingleton<PaymentResourceCache>();
builder.Services.AddWebhookEndpoints();
builder.Services.AddHostedService<OutboxRelay>();
builder.Services.AddRecurringJob<CancellationRecovery, CancellationRecoveryOptions>(CancellationRecoveryOptions.Section);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHttpLimits();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapOpenApi();
app.MapMerchantApiReference();
app.MapPaymentEndpoints();
app.MapPaymentListEndpoints();
app.MapPaymentTimelineEndpoints();
app.MapIdempotencyKeyEndpoints();
app.MapSettlementEndpoints();
app.MapWebhookEndpoints();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
