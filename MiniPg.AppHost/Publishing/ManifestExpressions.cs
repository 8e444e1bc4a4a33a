using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiniPg.AppHost.Publishing;

/// <summary>
/// Resolves the placeholders of Aspire's manifest (<c>{postgres.bindings.tcp.host}</c>, <c>{minipg.connectionString}</c>,
/// <c>{postgres-password.value}</c>) to what they are inside a Compose network: a service name, a container port, or a
/// <c>${VARIABLE}</c> that Compose reads from <c>.env</c>. A literal <c>$</c> is doubled, so Compose passes it through.
/// </summary>
internal sealed partial class ManifestExpressions(JsonElement resources)
{
    /// <summary>The port every .NET service image listens on (<c>ASPNETCORE_HTTP_PORTS</c> of the SDK's images).</summary>
    public const int ProjectHttpPort = 8080;

    /// <summary>The parameters the resolved values use, by their <c>.env</c> variable name.</summary>
    public SortedDictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    public static string VariableName(string parameter) => parameter.ToUpperInvariant().Replace('-', '_');

    public string Resolve(string value) => Placeholder().Replace(value.Replace("$", "$$", StringComparison.Ordinal), match => ResolveOne(match.Groups[1].Value));

    public string TypeOf(string resourceName) => resources.GetProperty(resourceName).GetProperty("type").GetString()!;

    public int PortOf(string resourceName, JsonElement binding) =>
        TypeOf(resourceName) == "project.v0"
            ? ProjectHttpPort
            : binding.GetProperty("targetPort").GetInt32();

    private string ResolveOne(string expression)
    {
        var parts = expression.Split('.');
        var resource = resources.GetProperty(parts[0]);
        return (TypeOf(parts[0]), parts[1..]) switch
        {
            ("parameter.v0", ["value"] or ["inputs", "value"]) => Variable(parts[0]),
            (_, ["connectionString"]) => Resolve(resource.GetProperty("connectionString").GetString()!),
            ("annotated.string", ["value"]) => Resolve(resource.GetProperty("value").GetString()!),
            (_, ["bindings", var name, var property]) => Binding(parts[0], resource.GetProperty("bindings").GetProperty(name), property),
            _ => throw new DistributedApplicationException($"The manifest expression {{{expression}}} has no Compose equivalent."),
        };
    }

    private string Binding(string resourceName, JsonElement binding, string property)
    {
        var scheme = binding.GetProperty("scheme").GetString()!;
        var port = PortOf(resourceName, binding).ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            "host" => resourceName,
            "port" or "targetPort" => port,
            "scheme" => scheme,
            "url" => $"{scheme}://{resourceName}:{port}",
            _ => throw new DistributedApplicationException($"The binding property {resourceName}.{property} has no Compose equivalent."),
        };
    }

    private string Variable(string parameter)
    {
        var variable = VariableName(parameter);
        Parameters[variable] = parameter;
        return $"${{{variable}}}";
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)\}")]
    private static partial Regex Placeholder();
}
