using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Webhooks.Sending;

/// <summary>
/// Sends due deliveries. Each round claims what is due (<see cref="DeliveryClaim"/>: leased, so no other sender takes
/// it meanwhile) up to the free slots, starts one request per delivery without waiting for the others, and records each
/// answer as an attempt on the delivery (<see cref="WebhookDelivery.RecordAttempt"/>), which schedules the next one. A
/// round runs every <see cref="WebhookOptions.PollInterval"/>, and at once when the fan-out has committed new
/// deliveries. Slow endpoints only hold their own slots: at most <see cref="WebhookOptions.MaxConcurrentPerEndpoint"/>
/// each.
/// </summary>
public sealed partial class WebhookSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    DeliverySignal signal,
    DeliveryTraces traces,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string EventIdHeader = "MiniPg-Event-Id";
    public const string EventTypeHeader = "MiniPg-Event-Type";
    public const string DeliveryIdHeader = "MiniPg-Delivery-Id";
    public static readonly ProductInfoHeaderValue UserAgent = new("MiniPg-Webhooks", "1");

    private static readonly ActivitySource Activities = new("MiniPg.Webhooks");

    private readonly Lock _gate = new();
    private readonly HashSet<Task> _sending = [];
    private readonly Dictionary<Guid, int> _sendingPerEndpoint = [];

    /// <summary>The last claim took as many as it asked for, so more may be due: a finished request wakes the loop.</summary>
    private volatile bool _mayHaveMore;

    private WebhookOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.NextPulse;
            await ClaimAndSendAsync(stoppingToken);
            await Task.WhenAny(woken, Task.Delay(Settings.PollInterval, time, stoppingToken));
        }

        // Requests in flight are cancelled with the service and recorded as nothing: their leases run out and they are sent again.
        Task[] sending;
        lock (_gate)
        {
            sending = [.. _sending];
        }

        await Task.WhenAll(sending);
    }

    private async Task ClaimAndSendAsync(CancellationToken stoppingToken)
    {
        int free;
        Dictionary<Guid, int> busy;
        lock (_gate)
        {
            free = Settings.MaxConcurrentDeliveries - _sending.Count;
            busy = new Dictionary<Guid, int>(_sendingPerEndpoint);
        }

        if (free <= 0)
        {
            return;
        }

        List<ClaimedDelivery> claimed;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MiniPgDbContext>();
            var now = time.GetUtcNowForStorage();
            claimed = await DeliveryClaim.ClaimAsync(db, free, Settings.MaxConcurrentPerEndpoint, busy, now, now + Settings.Lease, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            LogClaimFailed(exception);
            return;
        }

        _mayHaveMore = claimed.Count == free;
        foreach (var delivery in claimed)
        {
            Start(delivery, stoppingToken);
        }
    }

    private void Start(ClaimedDelivery claimed, CancellationToken stoppingToken)
    {
        var endpointId = claimed.Endpoint.Id;
        var deliveryId = claimed.Delivery.Id;
        lock (_gate)
        {
            _sendingPerEndpoint[endpointId] = _sendingPerEndpoint.GetValueOrDefault(endpointId) + 1;
        }

        var sending = SendAndRecordAsync(claimed, stoppingToken);
        lock (_gate)
        {
            _sending.Add(sending);
        }

        _ = sending.ContinueWith(
            finished =>
            {
                if (finished.Exception is { } exception)
                {
                    LogUnexpected(exception.GetBaseException(), deliveryId);
                }

                lock (_gate)
                {
                    _sending.Remove(finished);
                    if (--_sendingPerEndpoint[endpointId] == 0)
                    {
                        _sendingPerEndpoint.Remove(endpointId);
                    }
                }

                if (_mayHaveMore)
                {
                    signal.Pulse();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>One attempt: the request, then its answer recorded. A failure to record is logged, and the lease brings the delivery back.</summary>
    private async Task SendAndRecordAsync(ClaimedDelivery claimed, CancellationToken stoppingToken)
    {
        var (delivery, endpoint) = claimed;
        using var activity = Activities.StartActivity($"webhook {delivery.EventType}", ActivityKind.Producer, traces.ParentOf(delivery.Id));
        activity?.SetTag("webhook.delivery.id", delivery.Id);
        activity?.SetTag("webhook.event.id", delivery.EventId);
        activity?.SetTag("webhook.endpoint.id", endpoint.Id);
        activity?.SetTag("webhook.attempt", delivery.AttemptCount + 1);
        activity?.SetTag("payment.id", delivery.PaymentId.ToString());

        Answer answer;
        try
        {
            answer = await SendAsync(delivery, endpoint, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        activity?.SetTag("http.response.status_code", answer.StatusCode);
        if (!answer.Succeeded)
        {
            activity?.SetStatus(ActivityStatusCode.Error, answer.Error ?? $"HTTP {answer.StatusCode}");
        }

        try
        {
            if (await RecordAsync(delivery, answer) is { } recorded)
            {
                LogOutcome(recorded, answer);
            }
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            LogRecordFailed(exception, delivery.Id);
        }
    }

    private async Task<Answer> SendAsync(WebhookDelivery delivery, WebhookEndpoint endpoint, CancellationToken stoppingToken)
    {
        var attemptedAt = time.GetUtcNowForStorage();
        var started = time.GetTimestamp();
        if (WebhookTargets.UrlProblem(endpoint.Url, Settings.AllowLoopback) is { } problem)
        {
            var target = Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) ? url.Host : endpoint.Url;
            return new Answer(attemptedAt, TimeSpan.Zero, null, $"Not sent to {target}: {problem}");
        }

        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaTypeNames.Application.Json);
        request.Headers.Add(EventIdHeader, delivery.EventId.ToString());
        request.Headers.Add(EventTypeHeader, delivery.EventType);
        request.Headers.Add(DeliveryIdHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Header(endpoint.Secret, time.GetUtcNow(), body));
        request.Headers.UserAgent.Add(UserAgent);

        int? statusCode = null;
        string? error = null;
        try
        {
            using var response = await clients.CreateClient(WebhookHttpClient.Name).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
            statusCode = (int)response.StatusCode;
            if (statusCode is >= 300 and < 400)
            {
                error = $"Redirects are not followed (Location: {response.Headers.Location}).";
            }
        }
        catch (HttpRequestException exception)
        {
            error = exception.Message;
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"No answer within {Settings.RequestTimeout.TotalSeconds:0.###} s.");
        }

        return new Answer(attemptedAt, ToMicroseconds(time.GetElapsedTime(started)), statusCode, error);
    }

    /// <summary>
    /// Records the attempt on the delivery as claimed. Its <see cref="WebhookDelivery.Revision"/> guards the save: if the
    /// delivery changed while the request was out (redelivered or cancelled through the Api), the attempt is recorded on
    /// the row as it is now, which decides what comes next (a cancelled delivery only gains the attempt).
    /// </summary>
    private async Task<WebhookDelivery?> RecordAsync(WebhookDelivery claimed, Answer answer)
    {
        for (var round = 1; ; round++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MiniPgDbContext>();
            var delivery = round == 1
                ? db.WebhookDeliveries.Attach(claimed).Entity
                : await db.WebhookDeliveries.SingleOrDefaultAsync(row => row.Id == claimed.Id, CancellationToken.None);
            if (delivery is null)
            {
                return null;
            }

            delivery.RecordAttempt(answer.AttemptedAt, answer.Duration, answer.StatusCode, answer.Error, Settings.RetrySchedule);
            try
            {
                // Not the service's token: an answer that came back is recorded even while the service stops.
                await db.SaveChangesAsync(CancellationToken.None);
                return delivery;
            }
            catch (DbUpdateConcurrencyException) when (round < 3)
            {
                LogChangedMeanwhile(claimed.Id);
            }
        }
    }

    private void LogOutcome(WebhookDelivery delivery, Answer answer)
    {
        var attempt = delivery.Attempts[^1];
        switch (delivery.Status)
        {
            case WebhookDeliveryStatus.Delivered when attempt.Succeeded:
                traces.Forget(delivery.Id);
                LogDelivered(delivery.Id, delivery.EventType, delivery.EventId, delivery.EndpointId, attempt.Number, answer.StatusCode, attempt.DurationMs);
                break;
            case WebhookDeliveryStatus.Pending:
                LogRetrying(delivery.Id, delivery.EventType, delivery.EventId, delivery.EndpointId, attempt.Number, answer.StatusCode, answer.Error, delivery.NextAttemptAt);
                break;
            case WebhookDeliveryStatus.Failed when !attempt.Succeeded:
                traces.Forget(delivery.Id);
                LogGaveUp(delivery.Id, delivery.EventType, delivery.EventId, delivery.EndpointId, attempt.Number, answer.StatusCode, answer.Error);
                break;
            default:
                traces.Forget(delivery.Id);
                LogAttemptAfterTheFact(delivery.Id, attempt.Number, answer.StatusCode, delivery.Status);
                break;
        }
    }

    private static bool IsDatabaseFailure(Exception exception) => exception is DbException or DbUpdateException or RetryLimitExceededException;

    private static TimeSpan ToMicroseconds(TimeSpan duration) => TimeSpan.FromTicks(duration.Ticks - (duration.Ticks % TimeSpan.TicksPerMicrosecond));

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} of {EventType} {EventId} to endpoint {EndpointId}: delivered on attempt {Attempt} (HTTP {StatusCode}, {DurationMs} ms)")]
    private partial void LogDelivered(Guid deliveryId, string eventType, Guid eventId, Guid endpointId, int attempt, int? statusCode, int durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} of {EventType} {EventId} to endpoint {EndpointId}: attempt {Attempt} failed (HTTP {StatusCode}, {Error}); next attempt at {NextAttemptAt:O}")]
    private partial void LogRetrying(Guid deliveryId, string eventType, Guid eventId, Guid endpointId, int attempt, int? statusCode, string? error, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId} of {EventType} {EventId} to endpoint {EndpointId}: attempt {Attempt} failed (HTTP {StatusCode}, {Error}), the last of its schedule; only a manual redelivery sends it again")]
    private partial void LogGaveUp(Guid deliveryId, string eventType, Guid eventId, Guid endpointId, int attempt, int? statusCode, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId}: attempt {Attempt} (HTTP {StatusCode}) recorded on a delivery already {Status}")]
    private partial void LogAttemptAfterTheFact(Guid deliveryId, int attempt, int? statusCode, WebhookDeliveryStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} changed while its request was out (redelivered or cancelled); recording the attempt on the current row")]
    private partial void LogChangedMeanwhile(Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId}: unexpected error; the delivery is sent again when its lease runs out")]
    private partial void LogUnexpected(Exception exception, Guid deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming due webhook deliveries failed; the next round tries again")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery {DeliveryId}: the attempt could not be recorded; the delivery is sent again when its lease runs out")]
    private partial void LogRecordFailed(Exception exception, Guid deliveryId);

    private sealed record Answer(DateTimeOffset AttemptedAt, TimeSpan Duration, int? StatusCode, string? Error)
    {
        public bool Succeeded => StatusCode is >= 200 and < 300;
    }
}
