using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MiniPg.Domain.Calendar;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

[Collection(nameof(PipelineTests))]
public sealed class ReconciliationEndpointTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task The_operator_reconciles_a_day_and_reads_classes_by_name()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-reconcile");
        var payment = await client.WaitUntilSettledAsync(created.Headers.Location!);
        await using var service = new SettlementServiceFactory(pipeline.Infrastructure, allowOpenDay: true, pipeline.AcquirerAddress);
        var operatorClient = service.CreateClient();
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SettlementServiceFactory.OperatorKey);

        using var response = await operatorClient.PostAsJsonAsync(
            "/reconciliations", new { businessDate = BusinessCalendar.KstDateOf(TimeProvider.System.GetUtcNow()), resolveGhosts = false }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var entry = report.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("paymentId").GetString() == payment.GetProperty("id").GetString());
        Assert.Equal(("MATCHED", 15_000L), (entry.GetProperty("class").GetString(), entry.GetProperty("ourAmount").GetInt64()));
        Assert.True(report.GetProperty("counts").TryGetProperty("MATCHED", out _));
    }
}
