using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniPg.Domain.Events;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PaymentRequested))]
[JsonSerializable(typeof(PaymentCompleted))]
[JsonSerializable(typeof(PaymentFailed))]
[JsonSerializable(typeof(PaymentCancelled))]
public sealed partial class EventJsonContext : JsonSerializerContext;
