using System.Security.Cryptography;

namespace MiniPg.AppHost.Publishing;

/// <summary>
/// The <c>.env</c> beside <c>compose.yaml</c>: one generated value per parameter the services use. A value already in the
/// file is kept, so publishing again never changes the password of an existing database volume.
/// </summary>
internal static class EnvironmentFile
{
    public static async Task WriteAsync(string path, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path)
            ? (await File.ReadAllLinesAsync(path, cancellationToken)).Where(line => line.Contains('=', StringComparison.Ordinal)).ToDictionary(line => line[..line.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal)
            : [];
        var lines = parameters.Keys.Select(variable => existing.TryGetValue(variable, out var line) ? line : $"{variable}={Generate(parameters[variable])}");
        await File.WriteAllTextAsync(path, string.Concat(lines.Select(line => line + "\n")), cancellationToken);
    }

    /// <summary>The card vault needs an AES-256 key (32 bytes, base64); every other secret is 32 hex digits, safe in any URI.</summary>
    private static string Generate(string parameter) =>
        parameter == MiniPg.ResourceNames.CardVaultKey
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
