using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Cards;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MiniPg.Infrastructure.Acquiring;

/// <summary>
/// The acquirer over HTTP (<c>http://acquirer</c>, resolved by service discovery). Retries, attempt and total
/// timeouts come from the resilience handler; this class only turns answers into outcomes. A timeout, a transport
/// error or a 5xx that outlived the retries is <see cref="ApprovalOutcome.Unknown"/>: the card may be charged.
/// </summary>
internal sealed class AcquirerHttpClient(HttpClient http) : IAcquirerClient
{
    public Task<ApprovalOutcome> ApproveAsync(PaymentId paymentId, MerchantId merchantId, Won amount, CardDetails card, CancellationToken cancellationToken) =>
        ApprovalCallAsync(() => http.PostAsJsonAsync(
            "/v1/approvals",
            new ApprovalRequestBody(paymentId.Value, merchantId.Value, amount.Value, Won.CurrencyCode, new CardBody(card.Number, card.ExpiryMonth, card.ExpiryYear)),
            AcquirerJson.Default.ApprovalRequestBody,
            cancellationToken), cancellationToken);

    public Task<ApprovalOutcome> InquireAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
        ApprovalCallAsync(() => http.GetAsync($"/v1/approvals/{paymentId}", cancellationToken), cancellationToken);

    public Task<ApprovalOutcome> VoidAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
        ApprovalCallAsync(() => http.PostAsync($"/v1/approvals/{paymentId}/void", content: null, cancellationToken), cancellationToken);

    public async Task<CancellationOutcome> CancelAsync(PaymentId paymentId, Guid cancellationId, Won amount, string reason, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(
                $"/v1/approvals/{paymentId}/cancellations",
                new CancellationRequestBody(cancellationId, amount.Value, reason),
                AcquirerJson.Default.CancellationRequestBody,
                cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync(AcquirerJson.Default.CancellationResponseBody, cancellationToken);
                return new CancellationOutcome.Cancelled(body!.RemainingAmount, body.CancelledAt);
            }

            return (int)response.StatusCode is >= 400 and < 500
                ? new CancellationOutcome.Refused(await ProblemTextAsync(response, cancellationToken))
                : new CancellationOutcome.Unknown($"acquirer answered {(int)response.StatusCode}");
        }
        catch (Exception exception) when (IsUnknownOutcome(exception, cancellationToken))
        {
            return new CancellationOutcome.Unknown(exception.Message);
        }
    }

    public async Task<IReadOnlyList<AcquirerTransaction>> ExportAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        var entries = await http.GetFromJsonAsync(
            $"/v1/transactions?date={businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            AcquirerJson.Default.ListTransactionBody,
            cancellationToken) ?? [];
        return [.. entries.Select(entry => new AcquirerTransaction(
            entry.Type, entry.RequestId, entry.TransactionId, entry.CancellationId, entry.MerchantId, entry.Amount, entry.OccurredAt))];
    }

    private static async Task<ApprovalOutcome> ApprovalCallAsync(Func<Task<HttpResponseMessage>> call, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await call();
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new ApprovalOutcome.NotFound();
            }

            if (!response.IsSuccessStatusCode)
            {
                return new ApprovalOutcome.Unknown($"acquirer answered {(int)response.StatusCode}: {await ProblemTextAsync(response, cancellationToken)}");
            }

            var body = await response.Content.ReadFromJsonAsync(AcquirerJson.Default.ApprovalResponseBody, cancellationToken);
            return body!.Status switch
            {
                "APPROVED" => new ApprovalOutcome.Approved(body.TransactionId!, body.ApprovedAt!.Value),
                "DECLINED" => new ApprovalOutcome.Declined(body.DeclineCode ?? "declined", body.Message ?? "The card was declined."),
                _ => new ApprovalOutcome.NotCharged(body.Status),
            };
        }
        catch (Exception exception) when (IsUnknownOutcome(exception, cancellationToken))
        {
            return new ApprovalOutcome.Unknown(exception.Message);
        }
    }

    /// <summary>
    /// Timeouts, transport failures and an open circuit (the breaker refuses calls after too many failures, and we
    /// cannot tell whether an earlier attempt reached the acquirer), but not our own shutdown.
    /// </summary>
    private static bool IsUnknownOutcome(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static async Task<string> ProblemTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var problem = System.Text.Json.JsonSerializer.Deserialize(text, AcquirerJson.Default.ProblemBody);
            return problem?.Detail ?? problem?.Title ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }
}
