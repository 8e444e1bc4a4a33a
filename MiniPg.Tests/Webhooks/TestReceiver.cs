using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MiniPg.Domain.Webhooks;
using MiniPg.Webhooks.Sending;

namespace MiniPg.Tests.Webhooks;

/// <summary>One request a <see cref="TestReceiver"/> got, as it arrived.</summary>
public sealed record ReceivedRequest(
    int Number, string? EventId, string? EventType, string? DeliveryId, string? Signature, string? ContentType, string? UserAgent, string? TraceParent, byte[] Body);

/// <summary>
/// A merchant's webhook endpoint on its own Kestrel socket on loopback. It records every request, keeps each event
/// once in its de-duplicated view (by <c>MiniPg-Event-Id</c>, before it answers: the worst case, a receiver that
/// stored the event and then failed to say so), and answers what the test's function says, whenever it says it.
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ReceivedRequest, Task<int>> _answer;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, int> _events = new();
    private int _count;
    private int _inFlight;
    private int _mostInFlight;
    private int _answered;

    private TestReceiver(WebApplication app, Func<ReceivedRequest, Task<int>> answer)
    {
        _app = app;
        _answer = answer;
    }

    public Uri Url => new($"{_app.Urls.First()}/hooks");

    public int Port => new Uri(_app.Urls.First()).Port;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests.OrderBy(request => request.Number)];

    /// <summary>The events as a receiver that de-duplicates on <c>MiniPg-Event-Id</c> keeps them: event id → times it arrived.</summary>
    public IReadOnlyDictionary<string, int> Events => new Dictionary<string, int>(_events);

    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    public int Answered => Volatile.Read(ref _answered);

    public static Task<TestReceiver> AnsweringAsync(int statusCode) => StartAsync(_ => Task.FromResult(statusCode));

    public static async Task<TestReceiver> StartAsync(Func<ReceivedRequest, Task<int>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new TestReceiver(app, answer);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var most = Volatile.Read(ref _mostInFlight); inFlight > most; most = Volatile.Read(ref _mostInFlight))
        {
            Interlocked.CompareExchange(ref _mostInFlight, inFlight, most);
        }

        try
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, CancellationToken.None);
            var headers = context.Request.Headers;
            var request = new ReceivedRequest(
                Interlocked.Increment(ref _count),
                headers[WebhookSender.EventIdHeader],
                headers[WebhookSender.EventTypeHeader],
                headers[WebhookSender.DeliveryIdHeader],
                headers[WebhookSignature.HeaderName],
                context.Request.ContentType,
                headers.UserAgent,
                headers["traceparent"],
                body.ToArray());
            _requests.Enqueue(request);
            _events.AddOrUpdate(request.EventId ?? string.Empty, 1, (_, times) => times + 1);
            var statusCode = await _answer(request);
            Interlocked.Increment(ref _answered);
            context.Response.StatusCode = statusCode;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
