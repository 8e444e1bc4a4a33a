using System.Net.Sockets;
using System.Text;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

/// <summary>
/// Requests the web server itself would refuse with an empty body (a long URI, huge headers, non-ASCII header bytes),
/// sent as raw bytes, since a well-behaved HTTP client would refuse to send some of them. Each is a problem document.
/// </summary>
public sealed class HttpLimitsTests(InfrastructureFixture infrastructure)
{
    public static TheoryData<string, string, int> OversizedRequests => new()
    {
        { "a 10 kB URI", $"GET /api/v1/payments/{new string('a', 10_000)} HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n", 414 },
        { "40 kB of headers", $"GET /health HTTP/1.1\r\nHost: api\r\nConnection: close\r\nX-Padding: {new string('p', 40_000)}\r\n\r\n", 431 },
        { "a header with a byte outside ASCII", "GET /health HTTP/1.1\r\nHost: api\r\nConnection: close\r\nX-Name: caf\u00e9\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(OversizedRequests))]
    public async Task A_request_the_server_refuses_gets_a_problem_document(string description, string request, int status)
    {
        var response = await SendRawAsync(Encoding.Latin1.GetBytes(request));

        Assert.True(response.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{description}: {response.Split('\r')[0]}");
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"\"status\":{status}", response, StringComparison.Ordinal);
    }

    private async Task<string> SendRawAsync(byte[] request)
    {
        var api = infrastructure.Api.CreateClient().BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(api.Host, api.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, TestContext.Current.CancellationToken);
        using var response = new MemoryStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await stream.CopyToAsync(response, timeout.Token);
        return Encoding.Latin1.GetString(response.ToArray());
    }
}
