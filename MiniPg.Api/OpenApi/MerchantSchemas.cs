using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Payments;
using MiniPg.Domain;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Caching;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// Merchant-facing descriptions of the request and resource types, in place of their XML comments (which the OpenAPI
/// package would publish, and which are written for developers), and the values a string field can hold.
/// </summary>
public sealed class MerchantSchemas : IOpenApiSchemaTransformer
{
    private static readonly Dictionary<Type, string> Types = new()
    {
        [typeof(CreatePaymentRequest)] = "A card payment to request. Every field is required, and a field MiniPg does not know is refused.",
        [typeof(CardRequest)] = "The card to charge. MiniPg never stores, logs or echoes the full number, and takes no CVC.",
        [typeof(CancelPaymentRequest)] = "A cancel of a payment: leave out `amount` to cancel whatever remains.",
        [typeof(PaymentResource)] = "A payment as it stands now. Every field is always present; the ones that do not apply (yet) are `null`.",
        [typeof(CardResource)] = "What MiniPg keeps of the card: its brand and last four digits.",
        [typeof(FailureResource)] = "Why the payment failed.",
        [typeof(SettlementLineView)] = "A merchant's settlement of one KST business date. Amounts are whole won.",
    };

    private static readonly Dictionary<(Type Type, string Property), string> Properties = new()
    {
        [(typeof(CreatePaymentRequest), "orderId")] = "Your id for the order: 1–64 printable ASCII characters.",
        [(typeof(CreatePaymentRequest), "amount")] = "Whole won, from 1 to 1,000,000,000, as a JSON integer.",
        [(typeof(CreatePaymentRequest), "currency")] = "`KRW`, the only currency.",
        [(typeof(CreatePaymentRequest), "orderName")] = "What the customer pays for: 1–100 characters, without control characters.",
        [(typeof(CardRequest), "number")] = "12–19 digits with a valid (Luhn) check digit. Test cards lead to each outcome: see the examples.",
        [(typeof(CardRequest), "expiryMonth")] = "1–12.",
        [(typeof(CardRequest), "expiryYear")] = "Four digits. A card is valid through the last day of its expiry month.",
        [(typeof(CancelPaymentRequest), "amount")] = "Whole won to cancel; leave it out to cancel whatever remains.",
        [(typeof(CancelPaymentRequest), "reason")] = "Why, as you want it recorded: 1–200 characters, without control characters.",
        [(typeof(PaymentResource), "id")] = "The payment's id.",
        [(typeof(PaymentResource), "amount")] = "Whole won.",
        [(typeof(PaymentResource), "status")] = "`REQUESTED` → `APPROVED` → `SETTLED`, `REQUESTED` → `FAILED`, `APPROVED` or `SETTLED` → `CANCELLED`.",
        [(typeof(PaymentResource), "cancelledAmount")] = "Won cancelled so far; a partial cancel keeps the status and grows this.",
        [(typeof(PaymentResource), "failure")] = "Set when `FAILED`: `card_declined`, `insufficient_funds` or `acquirer_unavailable`.",
        [(typeof(PaymentResource), "approvedAt")] = "When the acquirer approved the card.",
        [(typeof(PaymentResource), "settledAt")] = "When the payment was settled to you.",
        [(typeof(PaymentResource), "cancelledAt")] = "When the payment became `CANCELLED` (nothing left).",
        [(typeof(SettlementLineView), "grossAmount")] = "Approved payments settled in this line.",
        [(typeof(SettlementLineView), "cancelledAmount")] = "Cancels netted in this line (a positive number).",
        [(typeof(SettlementLineView), "totalAmount")] = "`grossAmount` − `cancelledAmount`.",
        [(typeof(SettlementLineView), "feeAmount")] = "Supply fee plus VAT, from your contract in force that day.",
        [(typeof(SettlementLineView), "feeVat")] = "The 10% VAT on the supply fee.",
        [(typeof(SettlementLineView), "netAmount")] = "`totalAmount` − `feeAmount`: what you are paid.",
        [(typeof(SettlementLineView), "paymentCount")] = "Approvals in the line.",
        [(typeof(SettlementLineView), "payoutDate")] = "T+N business days after the business date; weekends and Korean public holidays are skipped.",
    };

    private static readonly Dictionary<(Type Type, string Property), string[]> Values = new()
    {
        [(typeof(CreatePaymentRequest), "currency")] = [Won.CurrencyCode],
        [(typeof(PaymentResource), "currency")] = [Won.CurrencyCode],
        [(typeof(PaymentResource), "status")] = [.. Enum.GetValues<PaymentStatus>().Select(WireNames.Of)],
        [(typeof(CardResource), "brand")] = [.. Enum.GetValues<CardBrand>().Select(WireNames.Of)],
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property)
        {
            var key = (property.DeclaringType, property.Name);
            if (Properties.TryGetValue(key, out var description))
            {
                schema.Description = description;
            }

            if (Values.TryGetValue(key, out var values))
            {
                schema.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
            }
        }
        else if (Types.TryGetValue(context.JsonTypeInfo.Type, out var description))
        {
            schema.Description = description;
        }

        return Task.CompletedTask;
    }
}
