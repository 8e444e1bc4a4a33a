using System.Net;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

public sealed class InquiryTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private readonly AcquirerFactory _acquirer = new(infrastructure);

    [Fact]
    public async Task An_unseen_request_is_404_and_once_approved_the_inquiry_reports_the_approval()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();

        using var before = await client.InquireAsync(requestId);
        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 23_000);
        using var after = await client.InquireAsync(requestId);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal("application/problem+json", before.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var (approved, inquired) = (await approval.JsonAsync(), await after.JsonAsync());
        Assert.Equal(
            (approved.Text("transactionId"), "APPROVED", 23_000L, 0L),
            (inquired.Text("transactionId"), inquired.Text("status"), inquired.Number("amount"), inquired.Number("cancelledAmount")));
    }

    [Fact]
    public async Task A_declined_request_is_reported_as_declined_with_its_code()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId, TestCards.InsufficientFunds);

        using var inquiry = await client.InquireAsync(requestId);

        var body = await inquiry.JsonAsync();
        Assert.Equal(("DECLINED", "insufficient_funds"), (body.Text("status"), body.Text("declineCode")));
    }

    public ValueTask DisposeAsync() => _acquirer.DisposeAsync();
}
