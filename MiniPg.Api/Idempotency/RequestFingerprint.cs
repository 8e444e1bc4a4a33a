using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiniPg.Api.Idempotency;

/// <summary>
/// What "the same request" means: the same endpoint and the same parsed body. Hashing the parsed request (not the raw
/// bytes) lets a client retry with different whitespace or key order; any difference in a value is a different request.
/// </summary>
public static class RequestFingerprint
{
    public static string Of<TRequest>(string endpoint, TRequest request, JsonTypeInfo<TRequest> typeInfo)
    {
        var canonical = $"{endpoint}\n{JsonSerializer.Serialize(request, typeInfo)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
