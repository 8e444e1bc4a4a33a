using System.Net;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

/// <summary>망취소: a caller that never learned the outcome of an approval undoes it, whatever the outcome was.</summary>
public sealed class NetCancellationTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private readonly AcquirerFactory _acquirer = new(infrastructure);

    [Fact]
    public async Task Voiding_an_approved_request_cancels_all_of_it()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 12_000);

        using var voided = await client.VoidAsync(requestId);

        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal("CANCELLED", (await voided.JsonAsync()).Text("status"));
        var inquiry = await (await client.InquireAsync(requestId)).JsonAsync();
        Assert.Equal(("CANCELLED", 12_000L), (inquiry.Text("status"), inquiry.Number("cancelledAmount")));
        var ledger = await client.ExportAsync(KstDate.Of(inquiry, "approvedAt"), requestId);
        Assert.Equal([("APPROVAL", 12_000L), ("CANCELLATION", 12_000L)], ledger.Select(entry => (entry.Text("type"), entry.Number("amount"))));
    }

    [Fact]
    public async Task Voiding_a_partly_cancelled_request_cancels_what_remains_and_voiding_again_changes_nothing()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 12_000);
        using var partial = await client.CancelAsync(requestId, Guid.NewGuid(), 2_000);

        using var voided = await client.VoidAsync(requestId);
        using var again = await client.VoidAsync(requestId);

        Assert.Equal("CANCELLED", (await voided.JsonAsync()).Text("status"));
        Assert.Equal("CANCELLED", (await again.JsonAsync()).Text("status"));
        var inquiry = await (await client.InquireAsync(requestId)).JsonAsync();
        var ledger = await client.ExportAsync(KstDate.Of(inquiry, "approvedAt"), requestId);
        Assert.Equal([2_000L, 10_000L], ledger.Where(entry => entry.Text("type") == "CANCELLATION").Select(entry => entry.Number("amount")));
    }

    [Fact]
    public async Task Voiding_an_unknown_request_leaves_a_tombstone_so_a_late_approval_is_voided()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        using var voided = await client.VoidAsync(requestId);
        using var lateApproval = await client.ApproveAsync(requestId);
        using var inquiry = await client.InquireAsync(requestId);

        Assert.Equal("VOIDED", (await voided.JsonAsync()).Text("status"));
        var late = await lateApproval.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, lateApproval.StatusCode);
        Assert.Equal("VOIDED", late.Text("status"));
        Assert.False(late.TryGetProperty("transactionId", out _));
        Assert.Equal("VOIDED", (await inquiry.JsonAsync()).Text("status"));
        Assert.Empty(await client.ExportAsync(KstDate.Of(TimeProvider.System.GetUtcNow()), requestId));
    }

    [Fact]
    public async Task Voiding_a_declined_request_reports_it_declined()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var declined = await client.ApproveAsync(requestId, TestCards.Declined);

        using var voided = await client.VoidAsync(requestId);

        Assert.Equal("DECLINED", (await voided.JsonAsync()).Text("status"));
    }

    [Fact]
    public async Task A_void_racing_a_slow_approval_never_leaves_an_approval_it_reported_voided()
    {
        await using var acquirer = new AcquirerFactory(infrastructure, settings: new Dictionary<string, string> { ["Acquirer:SlowCardDelay"] = "00:00:00.100" });
        var client = acquirer.CreateClient();
        for (var round = 0; round < 10; round++)
        {
            var requestId = Guid.NewGuid();

            var approving = client.ApproveAsync(requestId, TestCards.TimeoutButApproved);
            using var voided = await client.VoidAsync(requestId);
            using var approved = await approving;

            var (voidStatus, approvalStatus) = ((await voided.JsonAsync()).Text("status"), (await approved.JsonAsync()).Text("status"));
            var inquiry = await (await client.InquireAsync(requestId)).JsonAsync();
            var ledger = await client.ExportAsync(KstDate.Of(TimeProvider.System.GetUtcNow()), requestId);
            if (voidStatus == "VOIDED")
            {
                Assert.Equal(("VOIDED", "VOIDED"), (approvalStatus, inquiry.Text("status")));
                Assert.Empty(ledger);
            }
            else
            {
                Assert.Equal(("CANCELLED", "APPROVED", "CANCELLED"), (voidStatus, approvalStatus, inquiry.Text("status")));
                Assert.Equal(0L, ledger.Sum(entry => entry.Text("type") == "APPROVAL" ? entry.Number("amount") : -entry.Number("amount")));
            }
        }
    }

    public ValueTask DisposeAsync() => _acquirer.DisposeAsync();
}
