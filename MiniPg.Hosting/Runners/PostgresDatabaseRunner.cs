using System.Globalization;
using Npgsql;

namespace MiniPg.Hosting;

/// <summary>No process of its own: once the server is healthy, creates the database if it is missing.</summary>
internal sealed class PostgresDatabaseRunner(PostgresDatabaseResource database, RunnerContext context) : ResourceRunner(database, context)
{
    public override string? Endpoint => database.Parent.Port is { } port
        ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}/{database.DatabaseName}")
        : null;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Publish(snapshot => snapshot with { State = ResourceState.Starting, Endpoint = Endpoint });
        var connection = new NpgsqlConnection(database.Parent.ConnectionStringFor("postgres") + ";Pooling=false");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!await ExistsAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                await CreateAsync(connection, cancellationToken).ConfigureAwait(false);
                HostingLog.DatabaseCreated(Context.Logger, database.DatabaseName);
            }
        }

        Publish(snapshot => snapshot with { State = ResourceState.Running, IsHealthy = true });
    }

    public override Task StopAsync()
    {
        Publish(snapshot => snapshot.State == ResourceState.Running ? snapshot with { State = ResourceState.Stopped, IsHealthy = false } : snapshot);
        return Task.CompletedTask;
    }

    private async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = database.DatabaseName } },
        };
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
    }

    private async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // CREATE DATABASE takes no parameters; the name is a quoted identifier with embedded quotes doubled.
        var quotedName = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var command = new NpgsqlCommand("CREATE DATABASE " + quotedName, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
