using System.Text;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Domain.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // The vector the README's verification snippet is checked against, computed independently with
    // printf '%s' '1764460800.<body>' | openssl dgst -sha256 -hmac '<secret>'.
    private const string Secret = "whsec_MiniPgDocumentationVectorSecret0123456789";
    private const string Body = """{"id":"0b7e0d44-3b8e-4f1a-9a57-2d1a3c5e7f90","type":"payment.completed"}""";
    private const string Expected = "fb6594d3755b4d3528b66193d445d2938c06b9cf70d75138062adba0c747db8f";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_764_460_800);

    [Fact]
    public void The_signature_matches_the_known_vector()
    {
        Assert.Equal($"t=1764460800,v1={Expected}", WebhookSignature.Header(Secret, SignedAt, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void A_receiver_accepts_the_header_within_the_tolerance()
    {
        var header = WebhookSignature.Header(Secret, SignedAt, Encoding.UTF8.GetBytes(Body));

        Assert.True(WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes(Body), SignedAt.AddMinutes(4), WebhookSignature.DefaultTolerance));
    }

    [Theory]
    [InlineData("whsec_another", Body, 0)]
    [InlineData(Secret, Body + " ", 0)]
    [InlineData(Secret, Body, 6)]
    public void A_receiver_refuses_another_secret_a_changed_body_or_an_old_time(string secret, string body, int minutesLater)
    {
        var header = WebhookSignature.Header(Secret, SignedAt, Encoding.UTF8.GetBytes(Body));

        Assert.False(WebhookSignature.Verify(header, secret, Encoding.UTF8.GetBytes(body), SignedAt.AddMinutes(minutesLater), WebhookSignature.DefaultTolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=" + Expected)]
    [InlineData("t=abc,v1=" + Expected)]
    public void A_header_without_a_valid_time_is_refused(string? header)
    {
        Assert.False(WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes(Body), SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Any_one_matching_v1_signature_is_enough_so_secrets_can_be_rolled()
    {
        var header = $"t=1764460800,v1={new string('0', 64)},v1={Expected}";

        Assert.True(WebhookSignature.Verify(header, Secret, Encoding.UTF8.GetBytes(Body), SignedAt, WebhookSignature.DefaultTolerance));
    }
}
