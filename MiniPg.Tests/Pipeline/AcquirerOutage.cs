using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MiniPg.Tests.Pipeline;

/// <summary>
/// A switch in front of the real acquirer, on its own socket. Up, it forwards every call. Down, every answer is a 503:
/// approvals still reach the acquirer (which approves or declines them) but their answers are lost on the way back, the
/// worst case for a gateway; every other call is refused without reaching it.
/// </summary>
public sealed class AcquirerOutage : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _acquirer;

    private AcquirerOutage(WebApplication app, HttpClient acquirer)
    {
        _app = app;
        _acquirer = acquirer;
    }

    public bool IsDown { get; set; }

    public Uri Address => new(_app.Urls.First());

    public static async Task<AcquirerOutage> StartAsync(HttpClient acquirer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var outage = new AcquirerOutage(app, acquirer);
        app.Run(outage.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return outage;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var isApproval = HttpMethods.IsPost(context.Request.Method) && context.Request.Path == "/v1/approvals";
        if (IsDown && !isApproval)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        // The forwarding client carries the acquirer's key itself.
        using var forwarded = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"{context.Request.Path}{context.Request.QueryString}");
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            forwarded.Content = new ByteArrayContent(body.ToArray());
            forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        }

        using var answer = await _acquirer.SendAsync(forwarded, context.RequestAborted);
        if (IsDown)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
