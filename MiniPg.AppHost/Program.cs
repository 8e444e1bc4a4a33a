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

builder.AddProject<Projects.MiniPg_Api>(ResourceNames.Api)
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

builder.AddComposeExport();

builder.Build().Run();
