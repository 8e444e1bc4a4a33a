namespace MiniPg.Domain.Payments;

/// <summary>A payment's id: a UUIDv7, so ids sort by creation time and index well.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(PaymentIdJsonConverter))]
public readonly record struct PaymentId(Guid Value)
{
    public static PaymentId New(TimeProvider time) => new(Guid.CreateVersion7(time.GetUtcNow()));

    public static bool TryParse(string? text, out PaymentId id)
    {
        var parsed = Guid.TryParse(text, out var value);
        id = new PaymentId(value);
        return parsed;
    }

    public override string ToString() => Value.ToString();
}
