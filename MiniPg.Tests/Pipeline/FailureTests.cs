using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Events;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Pipeline;

/// <summary>What happens when a part of the system dies: nothing is lost, nothing is charged twice.</summary>
[Collection(nameof(PipelineTests))]
public sealed class FailureTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task A_processor_killed_between_the_approval_and_its_commit_neither_double_charges_nor_strands_the_payment()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var approvedAtAcquirer = new TaskCompletionSource<ApprovalOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        await pipeline.ReplaceProcessorAsync(acquirer => new HangsAfterApproval(acquirer, approvedAtAcquirer));
        var (payment, requested) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);

        await DirectPayments.ProduceAsync(pipeline.Infrastructure, payment.Id.ToString(), requested);
        var first = Assert.IsType<ApprovalOutcome.Approved>(await approvedAtAcquirer.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        Assert.Equal(PaymentStatus.Requested, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Requested)).Status);
        await pipeline.ReplaceProcessorAsync();

        var recovered = await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Approved);
        Assert.Equal((PaymentStatus.Approved, first.TransactionId), (recovered.Status, recovered.AcquirerTransactionId));
        var ledger = await pipeline.Acquirer.CreateClient().GetFromJsonAsync<List<JsonElement>>(
            $"/v1/transactions?date={KstToday():yyyy-MM-dd}", TestContext.Current.CancellationToken);
        Assert.Single(ledger!, entry => entry.GetProperty("requestId").GetGuid() == payment.Id.Value && entry.GetProperty("type").GetString() == "APPROVAL");
    }

    [Fact]
    public async Task A_payment_the_acquirer_never_answers_is_net_cancelled_before_it_fails()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var acquirer = pipeline.Acquirer.CreateClient();
        using (await acquirer.PutAsJsonAsync("/v1/chaos", new { latencyMs = 0, failureRatePercent = 100 }, TestContext.Current.CancellationToken))
        {
        }

        try
        {
            var client = merchant.Client(pipeline.Api);
            using var created = await client.PostAsync(PaymentRequests.Valid(), "key-never-answered");
            var payment = await client.WaitUntilSettledAsync(created.Headers.Location!);

            Assert.Equal("FAILED", payment.Status());
            Assert.Equal("acquirer_unavailable", payment.GetProperty("failure").GetProperty("code").GetString());
            var atAcquirer = await acquirer.GetFromJsonAsync<JsonElement>($"/v1/approvals/{payment.GetProperty("id").GetString()}", TestContext.Current.CancellationToken);
            Assert.Equal("VOIDED", atAcquirer.GetProperty("status").GetString());
        }
        finally
        {
            using (await acquirer.PutAsJsonAsync("/v1/chaos", new { latencyMs = 0, failureRatePercent = 0 }, TestContext.Current.CancellationToken))
            {
            }
        }
    }

    [Fact]
    public async Task The_unknown_outcome_card_is_approved_by_inquiry_and_charged_once()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);

        using var created = await client.PostAsync(PaymentRequests.Valid(cardNumber: TestCards.TimeoutButApproved), "key-slow");
        var payment = await client.WaitUntilSettledAsync(created.Headers.Location!);

        Assert.Equal("APPROVED", payment.Status());
        var id = payment.GetProperty("id").GetGuid();
        var ledger = await pipeline.Acquirer.CreateClient().GetFromJsonAsync<List<JsonElement>>(
            $"/v1/transactions?date={KstToday():yyyy-MM-dd}", TestContext.Current.CancellationToken);
        Assert.Single(ledger!, entry => entry.GetProperty("requestId").GetGuid() == id);
    }

    [Fact]
    public async Task Outbox_rows_written_while_kafka_is_down_are_published_once_it_is_back()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        await pipeline.Infrastructure.StopResourceAsync(ResourceNames.Kafka);
        Uri location;
        try
        {
            using var created = await client.PostAsync(PaymentRequests.Valid(), "key-kafka-down");
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            location = created.Headers.Location!;
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            await using var db = pipeline.Infrastructure.CreateDbContext();
            var paymentId = (await merchant.PaymentsAsync(pipeline.Infrastructure)).Single().Id.ToString();
            Assert.Null((await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.MessageKey == paymentId, TestContext.Current.CancellationToken)).PublishedAt);
        }
        finally
        {
            await pipeline.Infrastructure.StartResourceAsync(ResourceNames.Kafka);
        }

        var payment = await client.WaitUntilSettledAsync(location, seconds: 120);

        Assert.Equal("APPROVED", payment.Status());
    }

    [Fact]
    public async Task After_a_full_acquirer_outage_the_janitor_settles_every_stranded_payment_with_no_operator_action()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        await using var outage = await AcquirerOutage.StartAsync(pipeline.Acquirer.CreateClient());
        await pipeline.ReplaceProcessorAsync(acquirer: outage.Address, settings: new Dictionary<string, string>
        {
            ["StuckPayments:After"] = "00:00:05",
            ["StuckPayments:Interval"] = "00:00:01",
        });
        try
        {
            // The janitor sweeps every merchant's payments, oldest first. Payments earlier tests left REQUESTED would be
            // swept during the outage ahead of this test's, and their refused calls would count against the acquirer
            // client's circuit breaker before this test's approvals go out; while the acquirer is up, it settles them.
            Assert.Equal(0, await DirectPayments.WaitUntilNoPaymentIsRequestedAsync(pipeline.Infrastructure));
            outage.IsDown = true;
            var cards = Enumerable.Range(0, 40).Select(i => i % 4 == 0 ? TestCards.Declined : TestCards.Approved).ToList();
            var created = await Task.WhenAll(cards.Select(async (card, i) =>
            {
                using var response = await client.PostAsync(PaymentRequests.Valid(cardNumber: card), $"outage-{i}");
                return (Card: card, Id: Guid.Parse(response.Headers.Location!.ToString().Split('/')[^1]));
            }));

            var deadLettered = await DirectPayments.WaitForKeysAsync(pipeline.Infrastructure, Topics.PaymentRequestedDeadLetter, created.Select(payment => payment.Id.ToString()));
            Assert.Equal(created.Length, deadLettered.Count);
            Assert.All(await merchant.PaymentsAsync(pipeline.Infrastructure), payment => Assert.Equal(PaymentStatus.Requested, payment.Status));

            outage.IsDown = false;

            var settled = await DirectPayments.WaitUntilNoneRequestedAsync(pipeline.Infrastructure, merchant);
            Assert.DoesNotContain(settled, payment => payment.Status == PaymentStatus.Requested);
            var acquirer = pipeline.Acquirer.CreateClient();
            foreach (var (card, id) in created)
            {
                var ours = settled.Single(payment => payment.Id.Value == id);
                var theirs = await acquirer.GetFromJsonAsync<JsonElement>($"/v1/approvals/{id}", TestContext.Current.CancellationToken);
                // An approval that never reached the acquirer (its circuit open, or its call cut short), or an
                // inquiry refused just before the switch came back up, is voided: MiniPg and the acquirer still agree.
                (PaymentStatus, string?)[] agreeing = card == TestCards.Approved
                    ? [(PaymentStatus.Approved, "APPROVED"), (PaymentStatus.Failed, "VOIDED")]
                    : [(PaymentStatus.Failed, "DECLINED"), (PaymentStatus.Failed, "VOIDED")];
                Assert.Contains((ours.Status, theirs.GetProperty("status").GetString()), agreeing);
            }

            Assert.Contains(settled, payment => payment.Status == PaymentStatus.Approved);
        }
        finally
        {
            await pipeline.ReplaceProcessorAsync();
        }
    }

    private static DateOnly KstToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).DateTime);
}
