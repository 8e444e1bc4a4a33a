using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MiniPg.Infrastructure.Hosting;

/// <summary>
/// The start-up every command-line verb shares (<c>migrate</c>, <c>replay-dead-letters</c>, <c>settle</c>,
/// <c>reconcile</c>): a host that never starts its web server, configured like the service (its environment variables,
/// <c>ASPNETCORE_ENVIRONMENT</c> included, and its arguments) and, beside a running local AppHost, with that AppHost's
/// connection strings (<see cref="LocalAppHost"/>). The verb runs in a scope of its own; its result is the exit code.
/// </summary>
public static class CommandLineHost
{
    public static async Task<int> RunAsync(string[] args, Action<IHostApplicationBuilder> register, Func<IServiceProvider, IHostEnvironment, Task<int>> verb)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        LocalAppHost.AddConnectionStrings(builder.Configuration);
        builder.Services.AddSingleton(TimeProvider.System);
        register(builder);
        await using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        return await verb(scope.ServiceProvider, builder.Environment);
    }
}
