using System.Net.Sockets;
using System.Text;

namespace GPhotosFs.Cli.Daemon;

/// <summary>
/// sd_notify(3) without libsystemd: under a Type=notify unit, systemd passes a datagram socket in
/// $NOTIFY_SOCKET, and the daemon says READY=1 once the mount is live (so units ordered after it
/// start only then) and STOPPING=1 when it begins to unmount. Without the variable it does nothing.
/// </summary>
public static class SystemdNotifier
{
    public const string SocketVariable = "NOTIFY_SOCKET";

    /// <summary>Sends <paramref name="state"/> (newline-separated KEY=VALUE lines); false when not under systemd or the send failed.</summary>
    public static bool Notify(string state)
    {
        var path = Environment.GetEnvironmentVariable(SocketVariable);
        if (string.IsNullOrEmpty(path) || (path[0] != '/' && path[0] != '@'))
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            // A leading '@' names a socket in the abstract namespace, which the kernel spells with a NUL.
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path));
            return true;
        }
        catch (SocketException)
        {
            return false; // readiness is a courtesy to the service manager, never a reason to fail the mount
        }
    }
}
