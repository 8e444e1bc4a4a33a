using Microsoft.Extensions.Time.Testing;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

/// <summary>The daily export follows the Korean calendar: a day runs from 00:00 to 24:00 KST (15:00 to 15:00 UTC).</summary>
public sealed class TransactionExportTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private static readonly DateTimeOffset OneSecondBeforeMidnightKst = new(2026, 11, 25, 23, 59, 59, TimeSpan.FromHours(9));
    private static readonly DateOnly November25 = new(2026, 11, 25);
    private static readonly DateOnly November26 = new(2026, 11, 26);

    private readonly FakeTimeProvider _time = new(OneSecondBeforeMidnightKst.ToUniversalTime());
    private AcquirerFactory? _acquirer;

    private AcquirerFactory Acquirer => _acquirer ??= new AcquirerFactory(infrastructure, _time);

    [Fact]
    public async Task An_approval_at_235959_KST_and_one_at_midnight_fall_on_different_days()
    {
        var (beforeMidnight, atMidnight) = (Guid.NewGuid(), Guid.NewGuid());
        var client = Acquirer.CreateClient();

        using var late = await client.ApproveAsync(beforeMidnight, TestCards.Approved, 11_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var early = await client.ApproveAsync(atMidnight, TestCards.Approved, 22_000);

        var (lateBody, earlyBody) = (await late.JsonAsync(), await early.JsonAsync());
        var day25 = Assert.Single(await client.ExportAsync(November25, beforeMidnight, atMidnight));
        var day26 = Assert.Single(await client.ExportAsync(November26, beforeMidnight, atMidnight));
        Assert.Equal(
            ("APPROVAL", beforeMidnight, lateBody.Text("transactionId"), 11_000L, OneSecondBeforeMidnightKst),
            (day25.Text("type"), day25.GetProperty("requestId").GetGuid(), day25.Text("transactionId"), day25.Number("amount"), day25.GetProperty("occurredAt").GetDateTimeOffset()));
        Assert.Equal(
            ("APPROVAL", atMidnight, earlyBody.Text("transactionId"), 22_000L, OneSecondBeforeMidnightKst.AddSeconds(1)),
            (day26.Text("type"), day26.GetProperty("requestId").GetGuid(), day26.Text("transactionId"), day26.Number("amount"), day26.GetProperty("occurredAt").GetDateTimeOffset()));
        Assert.Equal(AcquirerCalls.Merchant, day25.GetProperty("merchantId").GetGuid());
    }

    [Fact]
    public async Task A_cancellation_after_midnight_is_exported_on_the_next_day_with_its_ids_in_time_order()
    {
        var (requestId, firstCancel, secondCancel) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var client = Acquirer.CreateClient();

        using var approval = await client.ApproveAsync(requestId, TestCards.Approved, 30_000);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var first = await client.CancelAsync(requestId, firstCancel, 10_000);
        _time.Advance(TimeSpan.FromMinutes(5));
        using var second = await client.CancelAsync(requestId, secondCancel, 5_000);

        var transactionId = (await approval.JsonAsync()).Text("transactionId");
        Assert.Equal(["APPROVAL"], (await client.ExportAsync(November25, requestId)).Select(entry => entry.Text("type")));
        var day26 = await client.ExportAsync(November26, requestId);
        Assert.Equal(
            [("CANCELLATION", firstCancel, 10_000L), ("CANCELLATION", secondCancel, 5_000L)],
            day26.Select(entry => (entry.Text("type"), entry.GetProperty("cancellationId").GetGuid(), entry.Number("amount"))));
        Assert.All(day26, entry => Assert.Equal(transactionId, entry.Text("transactionId")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_acquirer is not null)
        {
            await _acquirer.DisposeAsync();
        }
    }
}
