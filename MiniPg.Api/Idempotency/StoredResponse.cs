namespace MiniPg.Api.Idempotency;

/// <summary>A response kept for an idempotency key: status, <c>Location</c> and the exact body bytes first sent.</summary>
public sealed record StoredResponse(int Status, string? Location, byte[] Body);
