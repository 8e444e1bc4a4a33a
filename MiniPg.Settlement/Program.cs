using MiniPg.Core.Persistence;

// Settlement will close each KST business day (the settlement issue). For now it is the health-checked host the
// AppHost starts, ready when PostgreSQL is.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddMiniPgDatabase();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
