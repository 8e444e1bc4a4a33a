using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MiniPg.AppHost.Infrastructure;

/// <summary>Something a local resource needs from this machine, and the Debian package that provides it, if any.</summary>
internal sealed record Prerequisite(string Problem, Func<bool> IsMet, string? DebianPackage = null);

/// <summary>
/// Checked once, before anything starts. When Debian packages are missing and the AppHost runs as root with apt-get
/// (a fresh VM or CI), they are installed; otherwise the start fails naming each missing piece and the command that
/// installs it.
/// </summary>
internal sealed class Prerequisites
{
    private readonly List<Prerequisite> _required = [];

    public static void Require(IDistributedApplicationBuilder builder, Prerequisite prerequisite)
    {
        var registered = builder.Services.FirstOrDefault(service => service.ServiceType == typeof(Prerequisites))?.ImplementationInstance;
        if (registered is not Prerequisites prerequisites)
        {
            prerequisites = new Prerequisites();
            builder.Services.AddSingleton(prerequisites);
            builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
                prerequisites.VerifyAsync(@event.Services.GetRequiredService<ILoggerFactory>().CreateLogger<Prerequisites>(), cancellationToken));
        }

        prerequisites._required.Add(prerequisite);
    }

    private async Task VerifyAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var missing = Missing();
        var packages = Packages(missing);
        if (packages.Count > 0 && Environment.IsPrivilegedProcess && File.Exists("/usr/bin/apt-get"))
        {
            HostingLog.InstallingPackages(logger, string.Join(" ", packages));
            await AptGetAsync(["update", "-qq"], cancellationToken);
            await AptGetAsync(["install", "-y", "-qq", .. packages], cancellationToken);
            missing = Missing();
        }

        if (missing.Count > 0)
        {
            var stillMissing = Packages(missing);
            var install = stillMissing.Count > 0 ? $"{Environment.NewLine}Install them with: sudo apt-get install -y {string.Join(' ', stillMissing)}" : string.Empty;
            throw new DistributedApplicationException(
                "Missing prerequisites:" + Environment.NewLine + string.Join(Environment.NewLine, missing.Select(item => "  - " + item.Problem)) + install);
        }
    }

    private List<Prerequisite> Missing() => [.. _required.Where(prerequisite => !prerequisite.IsMet())];

    private static List<string> Packages(IEnumerable<Prerequisite> missing) => [.. missing.Select(item => item.DebianPackage).OfType<string>().Distinct()];

    private static async Task AptGetAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException($"apt-get {string.Join(' ', arguments)} failed (exit code {process.ExitCode}):{Environment.NewLine}{await error}{await output}");
        }
    }
}
