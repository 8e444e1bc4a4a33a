using MiniPg.Core.Messaging;
using MiniPg.Core.Persistence;

// The Processor will consume payment.requested and call the acquirer (the pipeline issue). For now it is the
// health-checked host the AppHost starts, ready when PostgreSQL and Kafka are.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMiniPgDatabase();
builder.AddMiniPgKafka();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
