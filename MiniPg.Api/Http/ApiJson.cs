using System.Text.Json;
using System.Text.Json.Serialization;
using MiniPg.Api.Idempotency;
using MiniPg.Api.Payments;

namespace MiniPg.Api.Http;

/// <summary>The API's JSON: camelCase, and the bytes of a stored response are exactly the bytes first sent.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreatePaymentRequest))]
[JsonSerializable(typeof(CancelPaymentRequest))]
[JsonSerializable(typeof(CachedIdempotencyEntry))]
[JsonSerializable(typeof(PaymentPage))]
[JsonSerializable(typeof(IdempotencyKeyView))]
public sealed partial class ApiJson : JsonSerializerContext;
