using System.Text.Json;

namespace MiniPg.Domain.Events;

/// <summary>Turns events into the JSON carried by the outbox and Kafka, and back.</summary>
public static class EventSerializer
{
    public static string Serialize(IIntegrationEvent integrationEvent) =>
        JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), EventJsonContext.Default);

    public static T Deserialize<T>(string json)
        where T : IIntegrationEvent =>
        (T)(JsonSerializer.Deserialize(json, typeof(T), EventJsonContext.Default)
            ?? throw new JsonException($"The JSON is not a {typeof(T).Name}."));
}
