using System.Net;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Domain.Tests.Webhooks;

public sealed class WebhookTargetsTests
{
    [Theory]
    [InlineData("https://shop.example.com/webhooks")]
    [InlineData("http://203.0.114.7:8080/hooks")]
    [InlineData("https://[2606:4700::1111]/hooks")]
    public void A_public_http_or_https_url_is_allowed(string url)
    {
        Assert.Null(WebhookTargets.UrlProblem(url, allowLoopback: false));
    }

    [Theory]
    [InlineData("ftp://shop.example.com/webhooks")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("https://user:pass@shop.example.com/")]
    [InlineData("")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.5/")]
    [InlineData("http://172.20.1.1/")]
    [InlineData("http://192.168.0.10/")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://0.0.0.0:5432/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[::ffff:10.0.0.1]/")]
    [InlineData("http://[::]/")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("http://[64:ff9b:1::a00:1]/")]
    [InlineData("http://[::a9fe:a9fe]/")]
    [InlineData("http://[2002:a00:1::1]/")]
    [InlineData("http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/")]
    [InlineData("http://127.0.0.1:6379/")]
    [InlineData("http://[::1]/")]
    public void Other_schemes_and_internal_addresses_are_refused(string url)
    {
        Assert.NotNull(WebhookTargets.UrlProblem(url, allowLoopback: false));
    }

    [Fact]
    public void Loopback_is_allowed_only_where_the_host_allows_it_and_private_ranges_never_are()
    {
        Assert.Null(WebhookTargets.AddressProblem(IPAddress.Loopback, allowLoopback: true));
        Assert.Null(WebhookTargets.AddressProblem(IPAddress.IPv6Loopback, allowLoopback: true));
        Assert.NotNull(WebhookTargets.AddressProblem(IPAddress.Loopback, allowLoopback: false));
        Assert.NotNull(WebhookTargets.AddressProblem(IPAddress.Parse("10.1.2.3"), allowLoopback: true));
    }
}
