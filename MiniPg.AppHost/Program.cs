using MiniPg.Core;
using MiniPg.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var db = postgres.AddDatabase(ResourceNames.Database);
var acquirerDb = postgres.AddDatabase(ResourceNames.AcquirerDatabase);
var redis = builder.AddRedis(ResourceNames.Redis);
var kafka = builder.AddKafka(ResourceNames.Kafka);

var acquirer = builder.AddProject<Projects.MiniPg_Acquirer>(ResourceNames.Acquirer)
    .WithHttpEndpoint(port: 5090)
    .WithReference(acquirerDb).WaitFor(acquirerDb);

var migrations = builder.AddProject<Projects.MiniPg_Api>(ResourceNames.Migrations)
    .WithArgs("migrate")
    .WithReference(db).WaitFor(db);

builder.AddProject<Projects.MiniPg_Api>(ResourceNames.Api)
    .WithHttpEndpoint(port: 5080)
    .WithReference(db).WithReference(redis).WithReference(kafka).WithReference(acquirer)
    .WaitForCompletion(migrations).WaitFor(redis).WaitFor(kafka);

builder.AddProject<Projects.MiniPg_Processor>(ResourceNames.Processor)
    .WithHttpEndpoint(port: 5081)
    .WithReference(db).WithReference(redis).WithReference(kafka).WithReference(acquirer)
    .WaitForCompletion(migrations).WaitFor(redis).WaitFor(kafka).WaitFor(acquirer);

builder.AddProject<Projects.MiniPg_Settlement>(ResourceNames.Settlement)
    .WithHttpEndpoint(port: 5082)
    .WithReference(db).WithReference(redis).WithReference(acquirer)
    .WaitForCompletion(migrations).WaitFor(redis);

await builder.Build().RunAsync();
