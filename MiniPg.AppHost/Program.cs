using MiniPg;
using MiniPg.AppHost;
using MiniPg.AppHost.Infrastructure;
using MiniPg.AppHost.Publishing;

var builder = DistributedApplication.CreateBuilder(args).UseProjectDefaults();

// Infrastructure: processes of this machine in run mode, the official container images when published (ADR 1).
var postgres = builder.AddPostgresServer(ResourceNames.Postgres);
var db = postgres.AddPostgresDatabase(ResourceNames.Database);
var acquirerDb = postgres.AddPostgresDatabase(ResourceNames.AcquirerDatabase);
var redis = builder.AddRedisServer(ResourceNames.Redis);
var kafka = builder.AddKafkaBroker(ResourceNames.Kafka);

// Secrets the services share (Development: appsettings.Development.json; published: generated into .env).
var operatorKey = builder.AddParameter(ResourceNames.OperatorKey, secret: true);
var cardVaultKey = builder.AddParameter(ResourceNames.CardVaultKey, secret: true);
var acquirerKey = builder.AddParameter(ResourceNames.AcquirerKey, secret: true);

var acquirer = builder.AddProject<Projects.MiniPg_Acquirer>(ResourceNames.Acquirer)
    .WithHttpEndpoint(port: 5090).WithHttpHealthCheck("/health")
    .WithReference(acquirerDb).WaitFor(acquirerDb)
    .WithEnvironment("Acquirer__Key", acquirerKey)
    .WithChaosCommands(acquirerKey)
    .WithCommandLineAccess();

var migrations = builder.AddProject<Projects.MiniPg_Api>(ResourceNames.Migrations)
    .WithArgs("migrate")
    .WithReference(db).WaitFor(db);

var api = builder.AddProject<Projects.MiniPg_Api>(ResourceNames.Api)
    .WithHttpEndpoint(port: 5080).WithHttpHealthCheck("/health")
    .WithReference(db).WithReference(redis).WithReference(kafka).WithReference(acquirer)
    .WithEnvironment("CardVault__Key", cardVaultKey).WithEnvironment("Acquirer__Key", acquirerKey)
    .WaitForCompletion(migrations).WaitFor(redis).WaitFor(kafka);

builder.AddProject<Projects.MiniPg_Processor>(ResourceNames.Processor)
    .WithHttpEndpoint(port: 5081).WithHttpHealthCheck("/health")
    .WithReference(db).WithReference(redis).WithReference(kafka).WithReference(acquirer)
    .WithEnvironment("CardVault__Key", cardVaultKey).WithEnvironment("Operator__Key", operatorKey).WithEnvironment("Acquirer__Key", acquirerKey)
    .WaitForCompletion(migrations).WaitFor(redis).WaitFor(kafka).WaitFor(acquirer)
    .WithReplayDeadLettersCommand(operatorKey);

builder.AddProject<Projects.MiniPg_Settlement>(ResourceNames.Settlement)
    .WithHttpEndpoint(port: 5082).WithHttpHealthCheck("/health")
    .WithReference(db).WithReference(redis).WithReference(acquirer)
    .WithEnvironment("Operator__Key", operatorKey).WithEnvironment("Acquirer__Key", acquirerKey)
    .WaitForCompletion(migrations).WaitFor(redis)
    .WithSettleTodayCommand(operatorKey);

builder.AddProject<Projects.MiniPg_Webhooks>(ResourceNames.Webhooks)
    .WithHttpEndpoint(port: 5083).WithHttpHealthCheck("/health")
    .WithReference(db).WithReference(kafka)
    .WaitForCompletion(migrations).WaitFor(kafka);

// The demo's merchant side, a webhook endpoint on loopback: no part of a deployment, so left out of the Compose export.
builder.AddProject<Projects.MiniPg_WebhookReceiver>(ResourceNames.WebhookReceiver)
    .WithHttpEndpoint(port: 5084).WithHttpHealthCheck("/health")
    .WithReference(api)
    .WithRegisterWithDemoMerchantCommand()
    .ExcludeFromManifest();

builder.AddComposeExport();

builder.Build().Run();
