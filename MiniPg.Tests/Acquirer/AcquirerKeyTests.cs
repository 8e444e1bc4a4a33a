using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

/// <summary>The acquirer is another company: it serves MiniPg, which presents the key it was issued, and no one else.</summary>
public sealed class AcquirerKeyTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private readonly AcquirerFactory _acquirer = new(infrastructure);

    public static TheoryData<string, string> EveryV1Call => new()
    {
        { "POST", "/v1/approvals" },
        { "GET", $"/v1/approvals/{Guid.NewGuid()}" },
        { "POST", $"/v1/approvals/{Guid.NewGuid()}/cancellations" },
        { "POST", $"/v1/approvals/{Guid.NewGuid()}/void" },
        { "GET", "/v1/transactions?date=2026-11-25" },
        { "GET", "/V1/Transactions?date=2026-11-25" },
        { "PUT", "/v1/chaos" },
        { "DELETE", "/v1/chaos" },
        { "GET", "/v1/no-such-endpoint" },
    };

    [Theory]
    [MemberData(nameof(EveryV1Call))]
    public async Task Every_v1_call_without_the_key_is_a_401_problem(string method, string path)
    {
        var client = Anonymous();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("Bearer sk_test_someone_else_entirely")]
    [InlineData("Bearer sk_test_acquirer_for_test")]
    [InlineData("Bearer sk_test_acquirer_for_tests2")]
    [InlineData("Bearer SK_TEST_ACQUIRER_FOR_TESTS")]
    [InlineData("Bearer ")]
    [InlineData("Basic sk_test_acquirer_for_tests")]
    [InlineData("sk_test_acquirer_for_tests")]
    public async Task An_approval_with_any_other_credentials_is_refused_and_records_nothing(string authorization)
    {
        var requestId = Guid.NewGuid();
        var client = Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var refused = await client.ApproveAsync(requestId);
        using var inquiry = await _acquirer.CreateClient().InquireAsync(requestId);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inquiry.StatusCode);
    }

    [Fact]
    public async Task Without_a_key_the_health_endpoints_answer_and_the_contract_does_not()
    {
        var client = Anonymous();

        using var health = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var alive = await client.GetAsync("/alive", TestContext.Current.CancellationToken);
        using var ledger = await client.GetAsync("/v1/transactions?date=2026-11-25", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (health.StatusCode, alive.StatusCode, ledger.StatusCode));
    }

    [Fact]
    public async Task The_acquirer_does_not_start_without_a_key()
    {
        await using var keyless = new AcquirerFactory(infrastructure, settings: new Dictionary<string, string> { ["Acquirer:Key"] = "" });

        var refused = Assert.ThrowsAny<OptionsValidationException>(keyless.StartServer);

        Assert.Contains("Acquirer:Key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateways_client_presents_its_key_and_a_wrong_key_is_refused()
    {
        var unknownPayment = PaymentId.New(TimeProvider.System);
        using var gateway = await StartGatewayAsync(InfrastructureFixture.AcquirerKey);
        using var impostor = await StartGatewayAsync("sk_test_not_the_issued_key");

        var answered = await gateway.Services.GetRequiredService<IAcquirerClient>().InquireAsync(unknownPayment, TestContext.Current.CancellationToken);
        var refused = await impostor.Services.GetRequiredService<IAcquirerClient>().InquireAsync(unknownPayment, TestContext.Current.CancellationToken);

        Assert.IsType<ApprovalOutcome.NotFound>(answered);
        Assert.Contains("401", Assert.IsType<ApprovalOutcome.Unknown>(refused).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_service_without_the_acquirer_key_does_not_start()
    {
        var refused = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => StartGatewayAsync(key: null));

        Assert.Contains("Acquirer:Key", refused.Message, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _acquirer.DisposeAsync();

    private HttpClient Anonymous()
    {
        var client = _acquirer.CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>A MiniPg service's acquirer client, registered as the services register it, pointed at the test acquirer.</summary>
    private async Task<IHost> StartGatewayAsync(string? key)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"services:{ResourceNames.Acquirer}:http:0"] = _acquirer.CreateClient().BaseAddress!.ToString(),
            ["Acquirer:Key"] = key,
        });
        builder.AddServiceDefaults();
        builder.AddAcquirerClient();
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return host;
        }
        catch (OptionsValidationException)
        {
            host.Dispose();
            throw;
        }
    }
}
