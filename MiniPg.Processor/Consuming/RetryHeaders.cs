using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace MiniPg.Processor.Consuming;

/// <summary>The headers that carry a request through the retry and dead-letter topics.</summary>
public static class RetryHeaders
{
    public const string Attempt = "minipg-attempt";
    public const string NotBefore = "minipg-not-before";
    public const string Error = "minipg-error";
    public const string OriginalTopic = "minipg-original-topic";
    public const string TraceParent = "traceparent";

    public static int AttemptOf(Headers? headers) => Read(headers, Attempt) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : 1;

    public static DateTimeOffset? NotBeforeOf(Headers? headers) =>
        Read(headers, NotBefore) is { } text ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(text, CultureInfo.InvariantCulture)) : null;

    public static string? Read(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    public static Headers With(Headers? original, params (string Name, string Value)[] values)
    {
        var headers = new Headers();
        foreach (var header in original ?? [])
        {
            if (!values.Any(value => value.Name == header.Key))
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        foreach (var (name, value) in values)
        {
            headers.Add(name, Encoding.UTF8.GetBytes(value));
        }

        return headers;
    }
}
