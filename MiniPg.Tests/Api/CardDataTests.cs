using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Api.Http;
using MiniPg.Api.Idempotency;
using MiniPg.Api.Payments;
using MiniPg.Domain.Cards;
using MiniPg.Infrastructure.Caching;
using MiniPg.Tests.Support;
using StackExchange.Redis;

namespace MiniPg.Tests.Api;

/// <summary>
/// The attack that recovered a card number from an unkeyed request hash: the stored BIN and last four leave six digits
/// unknown, a hundred thousand Luhn-valid candidates, each hashed as the request it would have been.
/// </summary>
public sealed class CardDataTests(InfrastructureFixture infrastructure)
{
    private const string Pan = TestCards.Approved;

    [Fact]
    public async Task The_stored_request_fingerprints_do_not_give_the_card_number_away()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        using var response = await merchant.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(cardNumber: Pan), "key-fingerprint");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payment = Assert.Single(await merchant.PaymentsAsync(infrastructure));
        await using var db = infrastructure.CreateDbContext();
        var stored = await db.IdempotencyRecords.AsNoTracking()
            .Where(record => record.MerchantId == merchant.Id)
            .Select(record => record.RequestFingerprint)
            .SingleAsync(TestContext.Current.CancellationToken);
        var cached = JsonSerializer.Deserialize(
            (string)(await Redis().StringGetAsync(CacheKeys.Idempotency(merchant.Id, "key-fingerprint")))!, ApiJson.Default.CachedIdempotencyEntry)!;

        var recovered = CandidatesFor(payment.Card.Bin, payment.Card.Last4)
            .Where(candidate => UnkeyedFingerprint(candidate) is var hash && (hash == stored || hash == cached.Fingerprint))
            .ToList();

        Assert.Empty(recovered);
        Assert.Equal(stored, cached.Fingerprint);
    }

    [Fact]
    public void The_fingerprint_still_tells_a_retry_from_a_different_card()
    {
        var fingerprints = infrastructure.Api.Services.GetRequiredService<RequestFingerprint>();

        var first = fingerprints.Of(PaymentEndpoints.CreatePaymentOperation, Request(Pan), ApiJson.Default.CreatePaymentRequest);
        var retry = fingerprints.Of(PaymentEndpoints.CreatePaymentOperation, Request(Pan), ApiJson.Default.CreatePaymentRequest);
        var otherCard = fingerprints.Of(PaymentEndpoints.CreatePaymentOperation, Request(TestCards.Declined), ApiJson.Default.CreatePaymentRequest);

        Assert.Equal(first, retry);
        Assert.NotEqual(first, otherCard);
        Assert.NotEqual(UnkeyedFingerprint(Pan), first);
    }

    /// <summary>Every Luhn-valid 16-digit number with this BIN and last four.</summary>
    private static IEnumerable<string> CandidatesFor(string bin, string last4)
    {
        for (var middle = 0; middle < 1_000_000; middle++)
        {
            var candidate = $"{bin}{middle:D6}{last4}";
            if (CardNumber.TryParse(candidate, out _))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>The hash the attacker computes: SHA-256 of the canonical request, as the fingerprint once was.</summary>
    private static string UnkeyedFingerprint(string cardNumber)
    {
        var canonical = $"{PaymentEndpoints.CreatePaymentOperation}\n{JsonSerializer.Serialize(Request(cardNumber), ApiJson.Default.CreatePaymentRequest)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static CreatePaymentRequest Request(string cardNumber)
    {
        var json = JsonSerializer.Serialize(PaymentRequests.Valid(cardNumber: cardNumber), JsonSerializerOptions.Web);
        return JsonSerializer.Deserialize(json, ApiJson.Default.CreatePaymentRequest)!;
    }

    private IDatabase Redis() => infrastructure.Api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
}
