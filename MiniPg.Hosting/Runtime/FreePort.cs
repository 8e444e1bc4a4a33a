using System.Net;
using System.Net.Sockets;

namespace MiniPg.Hosting;

internal static class FreePort
{
    private const int LowestPort = 10_000;
    private const int Attempts = 100;
    private const string EphemeralRangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    // Ports handed out by this process: a child binds its port only when it starts, so a later pick must not repeat it.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A free loopback port for a child to listen on, chosen below the kernel's ephemeral range (where port 0 would
    /// land). Outgoing connections take their local ports from that range, so a listening port inside it can be taken
    /// while its server is down for a restart; worse, a client reconnecting to it can connect to itself (TCP
    /// simultaneous open) and hold it. Below the range, neither can happen. A port is never handed out twice by one process.
    /// </summary>
    public static int Pick()
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var port = Random.Shared.Next(LowestPort, below);
            lock (HandedOut)
            {
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new DistributedApplicationException($"No free loopback port found between {LowestPort} and {below} after {Attempts} tries.");
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range; Linux's default, 32768, when it cannot be read.</summary>
    private static int EphemeralRangeStart()
    {
        const int LinuxDefault = 32_768;
        if (!File.Exists(EphemeralRangeFile))
        {
            return LinuxDefault;
        }

        var first = File.ReadAllText(EphemeralRangeFile).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return int.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out var start) && start > LowestPort + Attempts ? start : LinuxDefault;
    }

    public static void EnsureFree(int port, string resourceName, string remedy)
    {
        if (!IsFree(port))
        {
            throw new DistributedApplicationException($"{resourceName}: port {port} on 127.0.0.1 is in use by another process. {remedy}");
        }
    }
}
