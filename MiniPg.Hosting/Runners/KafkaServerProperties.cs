using System.Globalization;
using System.Text.RegularExpressions;

namespace MiniPg.Hosting;

/// <summary>
/// The broker's copy of <c>config/server.properties</c>. It is also where the chosen ports are remembered: the KRaft
/// voter record stores the controller endpoint, so a formatted data folder must always come back on the same ports.
/// </summary>
internal static partial class KafkaServerProperties
{
    public static (int Port, int ControllerPort)? ReadPorts(string path)
    {
        var listeners = File.ReadLines(path)
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("listeners=", StringComparison.Ordinal));
        var plaintext = listeners is null ? null : PlaintextPort().Match(listeners);
        var controller = listeners is null ? null : ControllerPort().Match(listeners);
        return plaintext is { Success: true } && controller is { Success: true }
            ? (int.Parse(plaintext.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(controller.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;
    }

    public static void Write(string templatePath, string path, string logsDirectory, int port, int controllerPort)
    {
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["log.dirs"] = logsDirectory,
            ["listeners"] = string.Create(CultureInfo.InvariantCulture, $"PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{controllerPort}"),
            ["advertised.listeners"] = string.Create(CultureInfo.InvariantCulture, $"PLAINTEXT://127.0.0.1:{port}"),
            ["controller.quorum.bootstrap.servers"] = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{controllerPort}"),
        };
        var lines = File.ReadAllLines(templatePath)
            .Select(line => KeyOf(line) is { } key && overrides.Remove(key, out var value) ? $"{key}={value}" : line)
            .ToList();
        lines.AddRange(overrides.Select(entry => $"{entry.Key}={entry.Value}"));
        File.WriteAllLines(path, lines);
    }

    private static string? KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        var separator = trimmed.IndexOf('=', StringComparison.Ordinal);
        return trimmed.StartsWith('#') || separator <= 0 ? null : trimmed[..separator].Trim();
    }

    [GeneratedRegex(@"PLAINTEXT://[^,:]+:(\d+)")]
    private static partial Regex PlaintextPort();

    [GeneratedRegex(@"CONTROLLER://[^,:]+:(\d+)")]
    private static partial Regex ControllerPort();
}
