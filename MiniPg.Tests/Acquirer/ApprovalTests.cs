using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

public sealed class ApprovalTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private readonly AcquirerFactory _acquirer = new(infrastructure);

    [Theory]
    [InlineData(TestCards.Approved)]
    [InlineData(TestCards.OtherValid)]
    public async Task A_good_card_is_approved_with_an_acquirer_transaction_id(string card)
    {
        var requestId = Guid.NewGuid();

        using var response = await _acquirer.CreateClient().ApproveAsync(requestId, card, 15_000);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal((requestId.ToString(), "APPROVED", 15_000L, 0L), (body.Text("requestId"), body.Text("status"), body.Number("amount"), body.Number("cancelledAmount")));
        Assert.Matches("^acq_[0-9a-f]{32}$", body.Text("transactionId"));
        Assert.True(body.TryGetProperty("approvedAt", out _));
    }

    [Theory]
    [InlineData(TestCards.Declined, "card_declined")]
    [InlineData(TestCards.InsufficientFunds, "insufficient_funds")]
    public async Task A_declining_test_card_is_declined_with_its_code_and_no_transaction(string card, string declineCode)
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        using var response = await client.ApproveAsync(requestId, card, 8_000);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(("DECLINED", declineCode, 8_000L), (body.Text("status"), body.Text("declineCode"), body.Number("amount")));
        Assert.False(string.IsNullOrWhiteSpace(body.Text("message")));
        Assert.False(body.TryGetProperty("transactionId", out _));
        Assert.Empty(await client.ExportAsync(KstDate.Of(TimeProvider.System.GetUtcNow()), requestId));
    }

    [Fact]
    public async Task The_transient_failure_card_answers_503_once_then_approves_on_retry()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        using var first = await client.ApproveAsync(requestId, TestCards.TransientFailureThenApproved);
        using var retry = await client.ApproveAsync(requestId, TestCards.TransientFailureThenApproved);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("application/problem+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("APPROVED", (await retry.JsonAsync()).Text("status"));
    }

    [Fact]
    public async Task The_transient_failure_card_fails_as_many_calls_as_configured_per_request()
    {
        await using var acquirer = new AcquirerFactory(infrastructure, settings: new Dictionary<string, string> { ["Acquirer:TransientFailuresPerRequest"] = "2" });
        var client = acquirer.CreateClient();
        var requestId = Guid.NewGuid();

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < 3; call++)
        {
            using var response = await client.ApproveAsync(requestId, TestCards.TransientFailureThenApproved);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task The_slow_card_is_approved_at_once_and_stays_approved_when_the_caller_gives_up_waiting()
    {
        await using var acquirer = new AcquirerFactory(infrastructure, settings: new Dictionary<string, string> { ["Acquirer:SlowCardDelay"] = "00:10:00" });
        var requestId = Guid.NewGuid();
        using var impatience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var call = acquirer.CreateClient().PostAsJsonAsync("/v1/approvals", AcquirerCalls.ApprovalBody(requestId, TestCards.TimeoutButApproved), impatience.Token);

        var approval = await InquireUntilRecordedAsync(acquirer.CreateClient(), requestId);
        await impatience.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal("APPROVED", approval.Text("status"));
        var ledger = await acquirer.CreateClient().ExportAsync(KstDate.Of(approval, "approvedAt"), requestId);
        Assert.Equal(approval.Text("transactionId"), Assert.Single(ledger).Text("transactionId"));
    }

    [Fact]
    public async Task A_patient_caller_gets_the_slow_cards_approval()
    {
        var requestId = Guid.NewGuid();

        using var response = await _acquirer.CreateClient().ApproveAsync(requestId, TestCards.TimeoutButApproved);

        Assert.Equal("APPROVED", (await response.JsonAsync()).Text("status"));
    }

    [Fact]
    public async Task The_same_request_again_returns_the_first_approval_and_approves_only_once()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        using var first = await client.ApproveAsync(requestId);
        using var again = await client.ApproveAsync(requestId);

        var (firstBody, againBody) = (await first.JsonAsync(), await again.JsonAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody.Text("transactionId"), againBody.Text("transactionId"));
        Assert.Equal(firstBody.GetProperty("approvedAt").GetDateTimeOffset(), againBody.GetProperty("approvedAt").GetDateTimeOffset());
        var ledger = await client.ExportAsync(KstDate.Of(firstBody, "approvedAt"), requestId);
        Assert.Equal("APPROVAL", Assert.Single(ledger).Text("type"));
    }

    [Fact]
    public async Task Concurrent_identical_requests_make_one_approval()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.ApproveAsync(requestId)));

        var transactionIds = new HashSet<string>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                transactionIds.Add((await response.JsonAsync()).Text("transactionId"));
            }
        }

        Assert.Single(transactionIds);
    }

    [Theory]
    [InlineData(15_001, TestCards.Approved)]
    [InlineData(15_000, TestCards.OtherValid)]
    public async Task The_same_request_id_with_another_amount_or_card_is_422(long amount, string card)
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var first = await client.ApproveAsync(requestId, TestCards.Approved, 15_000);

        using var changed = await client.ApproveAsync(requestId, card, amount);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("application/problem+json", changed.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_ledger_keeps_no_full_card_number()
    {
        var requestId = Guid.NewGuid();
        using var response = await _acquirer.CreateClient().ApproveAsync(requestId, TestCards.OtherValid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await using var connection = new Npgsql.NpgsqlConnection(infrastructure.AcquirerDatabaseConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT a::text FROM approvals a WHERE request_id = @id", connection);
        command.Parameters.AddWithValue("id", requestId);
        var row = (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);

        Assert.Contains("555555", row, StringComparison.Ordinal);
        Assert.Contains("4444", row, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCards.OtherValid, row, StringComparison.Ordinal);
        Assert.DoesNotContain(TestCards.OtherValid, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>Asks until the acquirer knows the request (the slow card's approval is recorded before its answer is sent), for a minute at most.</summary>
    private static async Task<JsonElement> InquireUntilRecordedAsync(HttpClient client, Guid requestId)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            using var inquiry = await client.InquireAsync(requestId);
            if (inquiry.StatusCode == HttpStatusCode.OK)
            {
                return await inquiry.JsonAsync();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The acquirer had not recorded request {requestId} a minute after it was sent.");
        return default;
    }

    public ValueTask DisposeAsync() => _acquirer.DisposeAsync();
}
