using System.Net;
using System.Net.Http.Json;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

public sealed class ChaosTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private readonly AcquirerFactory _acquirer = new(infrastructure);

    [Fact]
    public async Task A_failure_rate_of_100_percent_answers_every_approval_with_503_and_records_nothing()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        using var change = await client.PutAsJsonAsync("/v1/chaos", new { latencyMs = 0, failureRatePercent = 100 }, TestContext.Current.CancellationToken);
        using var failed = await client.ApproveAsync(requestId);
        using var inquiry = await client.InquireAsync(requestId);

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, inquiry.StatusCode);
    }

    [Fact]
    public async Task The_chaos_settings_can_be_read_changed_and_set_back()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        var initial = await client.GetFromJsonAsync<ChaosSettingsBody>("/v1/chaos", TestContext.Current.CancellationToken);
        using var change = await client.PutAsJsonAsync("/v1/chaos", new { latencyMs = 50, failureRatePercent = 10 }, TestContext.Current.CancellationToken);
        var changed = await client.GetFromJsonAsync<ChaosSettingsBody>("/v1/chaos", TestContext.Current.CancellationToken);
        using var reset = await client.PutAsJsonAsync("/v1/chaos", new { latencyMs = 0, failureRatePercent = 0 }, TestContext.Current.CancellationToken);
        using var approval = await client.ApproveAsync(requestId);

        Assert.Equal(new ChaosSettingsBody(0, 0), initial);
        Assert.Equal(new ChaosSettingsBody(50, 10), changed);
        Assert.Equal("APPROVED", (await approval.JsonAsync()).Text("status"));
    }

    [Fact]
    public async Task Deleting_the_chaos_goes_back_to_the_configured_behaviour()
    {
        await using var acquirer = new AcquirerFactory(infrastructure, settings: new Dictionary<string, string> { ["Acquirer:Latency"] = "00:00:00.030", ["Acquirer:FailureRate"] = "5" });
        var client = acquirer.CreateClient();

        using var change = await client.PutAsJsonAsync("/v1/chaos", new { latencyMs = 200, failureRatePercent = 50 }, TestContext.Current.CancellationToken);
        using var reset = await client.DeleteAsync("/v1/chaos", TestContext.Current.CancellationToken);
        var after = await client.GetFromJsonAsync<ChaosSettingsBody>("/v1/chaos", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (change.StatusCode, reset.StatusCode));
        Assert.Equal(new ChaosSettingsBody(30, 5), await reset.Content.ReadFromJsonAsync<ChaosSettingsBody>(TestContext.Current.CancellationToken));
        Assert.Equal(new ChaosSettingsBody(30, 5), after);
    }

    [Theory]
    [InlineData("""{"latencyMs":0,"failureRatePercent":101}""")]
    [InlineData("""{"latencyMs":-1,"failureRatePercent":0}""")]
    [InlineData("""{"failureRatePercent":0}""")]
    public async Task Impossible_chaos_settings_are_a_400_problem(string body)
    {
        var client = _acquirer.CreateClient();

        using var response = await client.PutAsync("/v1/chaos", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new ChaosSettingsBody(0, 0), await client.GetFromJsonAsync<ChaosSettingsBody>("/v1/chaos", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    public async Task Outside_development_the_chaos_endpoints_do_not_exist(string environment)
    {
        await using var acquirer = new AcquirerFactory(infrastructure, environment: environment);
        var client = acquirer.CreateClient();

        using var read = await client.GetAsync("/v1/chaos", TestContext.Current.CancellationToken);
        using var change = await client.PutAsJsonAsync("/v1/chaos", new { latencyMs = 0, failureRatePercent = 100 }, TestContext.Current.CancellationToken);
        using var reset = await client.DeleteAsync("/v1/chaos", TestContext.Current.CancellationToken);
        using var approval = await client.ApproveAsync(Guid.NewGuid());

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, change.StatusCode, reset.StatusCode));
        Assert.Equal("APPROVED", (await approval.JsonAsync()).Text("status"));
    }

    public ValueTask DisposeAsync() => _acquirer.DisposeAsync();

    private sealed record ChaosSettingsBody(long LatencyMs, int FailureRatePercent);
}
