using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace MiniPg.Bench.Payments;

/// <summary>
/// The floor (docs/design.md §9): a bare HTTP endpoint in this process doing exactly what the cheapest possible accept must do
/// — one Redis <c>SET key value NX EX 1800</c> and one single-row <c>INSERT</c> into a scratch table in the system's
/// own PostgreSQL — and answering 202. No authentication, validation, JSON, EF Core, outbox or idempotency record.
/// It owns its connection pool and closes it when disposed: PostgreSQL allows 100 connections, and idle floor
/// connections left open would starve the system's services during their own run.
/// </summary>
internal sealed class FloorEndpoint : IAsyncDisposable
{
    public const string Path = "/floor";

    private readonly WebApplication _app;

    private readonly NpgsqlDataSource _postgres;

    private FloorEndpoint(WebApplication app, NpgsqlDataSource postgres, Uri address)
    {
        _app = app;
        _postgres = postgres;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<FloorEndpoint> StartAsync(string postgresConnectionString, IConnectionMultiplexer redis, CancellationToken cancellationToken)
    {
        var postgres = NpgsqlDataSource.Create(postgresConnectionString);
        await using (var create = postgres.CreateCommand("CREATE TABLE IF NOT EXISTS bench_floor(id uuid primary key, body text)"))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var database = redis.GetDatabase();
        app.MapPost(Path, async (HttpRequest request, CancellationToken aborted) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(aborted);
            var key = request.Headers["Idempotency-Key"].ToString();
            if (!await database.StringSetAsync($"bench-floor:{key}", body, TimeSpan.FromSeconds(1800), When.NotExists))
            {
                return Results.Conflict();
            }

            await using var insert = postgres.CreateCommand("INSERT INTO bench_floor(id, body) VALUES ($1, $2)");
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = body });
            await insert.ExecuteNonQueryAsync(aborted);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.StartAsync(cancellationToken);
        // After start, Urls holds the address Kestrel actually bound (port 0 becomes a free port).
        var address = app.Urls.Single();
        return new FloorEndpoint(app, postgres, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
