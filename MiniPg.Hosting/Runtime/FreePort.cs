using System.Net;
using System.Net.Sockets;

namespace MiniPg.Hosting;

internal static class FreePort
{
    /// <summary>Lets the kernel pick a free loopback port, then releases it for the child to bind.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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

    public static void EnsureFree(int port, string resourceName, string remedy)
    {
        if (!IsFree(port))
        {
            throw new DistributedApplicationException($"{resourceName}: port {port} on 127.0.0.1 is in use by another process. {remedy}");
        }
    }
}
