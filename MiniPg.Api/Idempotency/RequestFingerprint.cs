using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using MiniPg.Infrastructure.Cards;

namespace MiniPg.Api.Idempotency;

/// <summary>
/// What "the same request" means: the same endpoint and the same parsed body. Hashing the parsed request (not the raw
/// bytes) lets a client retry with different whitespace or key order; any difference in a value is a different request.
/// The body holds the card number and expiry, and the fingerprint is stored (PostgreSQL and Redis) beside the BIN and
/// last four: an unkeyed hash would give the number away to anyone who tries the few million candidates. So it is an
/// HMAC-SHA256 under a key derived from the vault key (docs/decisions/0025).
/// </summary>
public sealed class RequestFingerprint(IOptions<CardVaultOptions> vault)
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("MiniPg idempotency request fingerprint v1");

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(vault.Value.Key), 32, salt: [], info: Purpose);

    public string Of<TRequest>(string endpoint, TRequest request, JsonTypeInfo<TRequest> typeInfo)
    {
        var canonical = $"{endpoint}\n{JsonSerializer.Serialize(request, typeInfo)}";
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical)));
    }
}
