using System.Net;
using MiniPg.Testing;

namespace MiniPg.Tests.AppHost;

/// <summary>The README's promise about stopping: SIGTERM to <c>dotnet run --project MiniPg.AppHost</c> leaves no process behind.</summary>
[Collection(nameof(EndToEnd.EndToEnd))]
public sealed class StopTests
{
    private static readonly Uri Api = new("http://localhost:5080/health");

    [Fact]
    public async Task Sigterm_to_the_apphost_stops_every_process_it_started()
    {
        await using var appHost = AppHostProcess.Start("sigterm");
        await WaitUntilTheApiIsHealthyAsync(appHost);
        var started = appHost.LiveProcesses();

        var exitCode = await appHost.StopAsync(TimeSpan.FromSeconds(90));
        var left = await WaitUntilGoneAsync(started, TimeSpan.FromSeconds(30));

        Assert.True(started.Count >= 10, $"expected the AppHost, DCP, PostgreSQL, Redis, Kafka and four services; found {started.Count}:{Environment.NewLine}{appHost.Output}");
        Assert.Equal(0, exitCode);
        Assert.Empty(left);
    }

    private static async Task WaitUntilTheApiIsHealthyAsync(AppHostProcess appHost)
    {
        using var http = new HttpClient();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(3))
        {
            Assert.False(appHost.HasExited, $"the AppHost exited early:{Environment.NewLine}{appHost.Output}");
            try
            {
                using var health = await http.GetAsync(Api, TestContext.Current.CancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the API was not healthy within 3 minutes:{Environment.NewLine}{appHost.Output}");
    }

    /// <summary>DCP stops what it started in the background after the AppHost exits; give it a bounded while.</summary>
    private static async Task<List<int>> WaitUntilGoneAsync(IReadOnlySet<int> processes, TimeSpan patience)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var left = processes.Where(AppHostProcess.IsAlive).ToList();
        while (left.Count > 0 && waited.Elapsed < patience)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
            left = [.. left.Where(AppHostProcess.IsAlive)];
        }

        return left;
    }
}
