using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Http;
using MiniPg.Api.Idempotency;
using MiniPg.Domain.Merchants;

namespace MiniPg.Api.OpenApi;

/// <summary>The merchant document's own parts: what MiniPg is and how to call it, the secret-key scheme, the tags and the webhooks.</summary>
public sealed class MerchantDocument : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Payments"] = "Request a card payment, follow it, and cancel all or part of it.",
        ["Settlements"] = "What MiniPg settled to you for a KST business date, and the per-payment report behind it.",
        ["Webhooks"] = "What MiniPg sends to your webhook endpoints, and how to check that MiniPg sent it.",
    };

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = "MiniPg merchant API", Version = "v1", Description = Description() };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[MerchantAuthorization.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "secret key",
            Description = $"Your secret key: `Authorization: Bearer sk_…`. In Development, `{DemoMerchants.All[0].ApiKey}`.",
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in Tags)
        {
            if (document.Tags.SingleOrDefault(tag => tag.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        await PaymentWebhooks.AddToAsync(document, context, cancellationToken);
    }

    private static string Description()
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"""
            MiniPg is a small payment gateway for card payments in Korean won. You request a payment; MiniPg authorizes the
            card with the card acquirer in the background, settles approved payments to you every day, and tells your webhook
            endpoints when a payment completes, fails or is cancelled.

            ## Authentication
            Every operation needs your secret key: `Authorization: Bearer sk_test_…`. A missing or unknown key is `401`. In
            Development MiniPg seeds two demo merchants; the first one's key is `{DemoMerchants.All[0].ApiKey}`, and the
            reference page sends it for you.

            ## Idempotency
            Requesting and cancelling a payment take an `{IdempotencyKeyHeader.Name}` header: a unique value per request (a UUID is
            ideal), reused when you retry. The same key with the same body answers the first response again, byte for byte, with
            `{IdempotencyKeyHeader.ReplayedHeaderName}: true`, and never makes a second payment or a second cancel; with a
            different body it is `422`; while the first request is still running it is `409` (retry shortly). A request refused
            as invalid (`400`, `413`, `415`) does not use up its key. Answers are kept 30 days.

            ## Amounts
            Amounts are whole won (`KRW`) as JSON integers: `15000` is 15,000 won. `1.5` and `"15000"` are refused.

            ## Payments are asynchronous
            `POST /api/v1/payments` answers `202` with the payment `REQUESTED`. It becomes `APPROVED` or `FAILED` moments later:
            poll `GET /api/v1/payments/{"{id}"}` (cheap), or receive the webhooks.

            ## Test cards
            The mock acquirer behind Development and the tests decides by card number; any future expiry date works.

            | card number | outcome |
            |---|---|

            """);
        foreach (var card in PaymentExamples.TestCards)
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{card.Number}` | {card.Outcome} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"""
            | any other valid number | approved |

            ## Errors
            Every error is an RFC 9457 problem document (`application/problem+json`) with `status`, `title` and `detail`; a
            validation problem (`400`) names each field in error under `errors`, as the JSON spells it. Any request may also
            meet `414` (a path and query over {HttpLimits.MaxRequestTargetLength / 1024} KB), `431` (headers over
            {HttpLimits.MaxHeadersTotalSize / 1024} KB) or `400` (a header outside printable ASCII).

            ## Webhooks
            MiniPg sends `payment.completed`, `payment.failed` and `payment.cancelled` to your webhook endpoints: see *Webhooks*.
            {PaymentWebhooks.Delivery}

            {PaymentWebhooks.Signature}
            """);
        return text.ToString();
    }
}
