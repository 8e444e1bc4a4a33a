using System.Text.RegularExpressions;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MiniPg.Infrastructure.Messaging;

/// <summary>
/// Keeps a Kafka outage from flooding the log. Every client of a service (the producer, the consumers, the admin
/// client each health check creates) repeats the same connection failure many times a second, so a line is written
/// the first time it is seen; identical lines (same facility and text, from whichever client) are only counted, and
/// once a window has passed a summary says how many there were. A window without a repeat ends the episode with a
/// line saying the message stopped, which is how a recovery shows; the next occurrence is written in full again.
/// Fatal errors are always written.
/// </summary>
public sealed partial class KafkaLogThrottle(ILogger logger, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Facility, string Text), Episode> _episodes = [];
    private ITimer? _timer;
    private DateTimeOffset _firstWindowEnd = DateTimeOffset.MaxValue;

    public void Write(LogMessage message)
    {
        var level = KafkaClientLog.ToLogLevel(message.Level);
        if (logger.IsEnabled(level) && IsFirst(message.Facility, Normalize(message.Message, message.Name), level))
        {
            ClientLog(logger, level, message.Name, message.Facility, message.Message);
        }
    }

    public void Write(Error error)
    {
        if (error.IsFatal)
        {
            FatalError(logger, error.Code, error.Reason);
        }
        else if (IsFirst(error.Code.ToString(), Normalize(error.Reason, client: null), LogLevel.Warning))
        {
            TransientError(logger, error.Code, error.Reason);
        }
    }

    /// <summary>
    /// Writes what the windows that have passed add up to; a timer calls it while anything is being counted, and every
    /// message checks first, at the cost of one comparison until the earliest window ends.
    /// </summary>
    private void Flush()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now < _firstWindowEnd)
            {
                return;
            }

            foreach (var ((facility, text), episode) in _episodes.ToList())
            {
                if (now - episode.WindowStart < Window)
                {
                    continue;
                }

                if (episode.Repeats > 0)
                {
                    Repeated(logger, episode.Level, facility, text, episode.Repeats, (int)(now - episode.WindowStart).TotalSeconds);
                    episode.Total += episode.Repeats;
                    episode.Repeats = 0;
                    episode.WindowStart = now;
                    episode.Summarised = true;
                }
                else
                {
                    _episodes.Remove((facility, text));
                    if (episode.Summarised)
                    {
                        Stopped(logger, facility, text, episode.Total, episode.LastSeen);
                    }
                }
            }

            _firstWindowEnd = _episodes.Count == 0 ? DateTimeOffset.MaxValue : _episodes.Values.Min(episode => episode.WindowStart) + Window;
            if (_episodes.Count == 0 && _timer is not null)
            {
                _timer.Dispose();
                _timer = null;
            }
        }
    }

    private bool IsFirst(string facility, string text, LogLevel level)
    {
        Flush();
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_episodes.TryGetValue((facility, text), out var episode))
            {
                episode.Repeats++;
                episode.LastSeen = now;
                return false;
            }

            _episodes[(facility, text)] = new Episode(level, now);
            if (now + Window < _firstWindowEnd)
            {
                _firstWindowEnd = now + Window;
            }

            // Only while something is counted, so an idle service (or a disposed host's logger) keeps no timer alive.
            _timer ??= time.CreateTimer(_ => Flush(), state: null, Window, Window);
            return true;
        }
    }

    /// <summary>
    /// The text without what differs between identical failures: the client's instance name, librdkafka's own timing
    /// ("after 3ms in state CONNECT") and its own repeat counter ("2 identical error(s) suppressed").
    /// </summary>
    private static string Normalize(string text, string? client) =>
        Varying().Replace(string.IsNullOrEmpty(client) ? text : text.Replace(client, "<client>", StringComparison.Ordinal), match => match.Groups["ms"].Success ? "after Nms" : string.Empty);

    [GeneratedRegex(@"(?<ms>after \d+ms)|, \d+ identical error\(s\) suppressed")]
    private static partial Regex Varying();

    [LoggerMessage(Message = "{Client} {Facility}: {Text}")]
    private static partial void ClientLog(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client error {Code}, retried by the client: {Reason}")]
    private static partial void TransientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Fatal Kafka client error {Code}: {Reason}")]
    private static partial void FatalError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Message = "{Facility}: {Text} (repeated {Repeats} more times in {Seconds} s)")]
    private static partial void Repeated(ILogger logger, LogLevel level, string facility, string text, int repeats, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Facility}: {Text} (stopped: {Repeats} repeats after the first, the last at {LastSeen:O})")]
    private static partial void Stopped(ILogger logger, string facility, string text, int repeats, DateTimeOffset lastSeen);

    private sealed class Episode(LogLevel level, DateTimeOffset firstSeen)
    {
        public LogLevel Level { get; } = level;

        public DateTimeOffset WindowStart { get; set; } = firstSeen;

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public int Repeats { get; set; }

        public int Total { get; set; }

        public bool Summarised { get; set; }
    }
}
