using System.Net;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

public sealed class CancellationTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private readonly AcquirerFactory _acquirer = new(infrastructure);

    [Fact]
    public async Task Partial_cancels_accumulate_and_cancelling_the_rest_makes_the_approval_cancelled()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 10_000);

        using var first = await client.CancelAsync(requestId, Guid.NewGuid(), 3_000);
        using var second = await client.CancelAsync(requestId, Guid.NewGuid(), 4_000);
        var partly = await (await client.InquireAsync(requestId)).JsonAsync();
        using var rest = await client.CancelAsync(requestId, Guid.NewGuid());
        var fully = await (await client.InquireAsync(requestId)).JsonAsync();

        Assert.Equal((3_000L, 7_000L), Amounts(await first.JsonAsync()));
        Assert.Equal((4_000L, 3_000L), Amounts(await second.JsonAsync()));
        Assert.Equal(("APPROVED", 7_000L), (partly.Text("status"), partly.Number("cancelledAmount")));
        Assert.Equal((3_000L, 0L), Amounts(await rest.JsonAsync()));
        Assert.Equal(("CANCELLED", 10_000L), (fully.Text("status"), fully.Number("cancelledAmount")));
    }

    [Fact]
    public async Task Cancelling_more_than_remains_is_422_and_changes_nothing()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 10_000);
        using var partial = await client.CancelAsync(requestId, Guid.NewGuid(), 6_000);

        using var tooMuch = await client.CancelAsync(requestId, Guid.NewGuid(), 4_001);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal("application/problem+json", tooMuch.Content.Headers.ContentType?.MediaType);
        Assert.Equal(6_000L, (await (await client.InquireAsync(requestId)).JsonAsync()).Number("cancelledAmount"));
    }

    [Fact]
    public async Task The_same_cancellation_id_again_returns_the_first_answer_and_cancels_once()
    {
        var (requestId, cancellationId) = (Guid.NewGuid(), Guid.NewGuid());
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 10_000);

        using var first = await client.CancelAsync(requestId, cancellationId, 2_500);
        using var again = await client.CancelAsync(requestId, cancellationId, 2_500);

        var (firstBody, againBody) = (await first.JsonAsync(), await again.JsonAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody.GetRawText(), againBody.GetRawText());
        Assert.Equal(2_500L, (await (await client.InquireAsync(requestId)).JsonAsync()).Number("cancelledAmount"));
        var ledger = await client.ExportAsync(KstDate.Of(firstBody, "cancelledAt"), requestId);
        Assert.Single(ledger, entry => entry.Text("type") == "CANCELLATION");
    }

    [Fact]
    public async Task Concurrent_cancels_of_one_approval_never_cancel_more_than_was_approved()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 10_000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.CancelAsync(requestId, Guid.NewGuid(), 3_000)));

        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(response => response.StatusCode == HttpStatusCode.UnprocessableEntity));
        var inquiry = await (await client.InquireAsync(requestId)).JsonAsync();
        Assert.Equal(9_000L, inquiry.Number("cancelledAmount"));
        var ledger = await client.ExportAsync(KstDate.Of(inquiry, "approvedAt"), requestId);
        Assert.Equal(9_000L, ledger.Where(entry => entry.Text("type") == "CANCELLATION").Sum(entry => entry.Number("amount")));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Cancelling_an_unknown_request_is_404()
    {
        using var response = await _acquirer.CreateClient().CancelAsync(Guid.NewGuid(), Guid.NewGuid(), 1_000);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_declined_request_is_422()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var declined = await client.ApproveAsync(requestId, TestCards.Declined);

        using var response = await client.CancelAsync(requestId, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    public ValueTask DisposeAsync() => _acquirer.DisposeAsync();

    private static (long Amount, long RemainingAmount) Amounts(System.Text.Json.JsonElement cancellation) =>
        (cancellation.Number("amount"), cancellation.Number("remainingAmount"));
}
