using System.Net.Sockets;
using System.Text;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>Type=notify readiness: a foreground mount says READY=1 on $NOTIFY_SOCKET once it is live, and STOPPING=1 on SIGTERM.</summary>
public sealed class SystemdNotifyTests(DemoLibrary demo) : IClassFixture<DemoLibrary>
{
    [FuseFact]
    public void A_foreground_mount_reports_ready_once_mounted_and_stopping_on_sigterm()
    {
        using var folder = new TempFolder();
        var mountPoint = Path.Combine(folder.Path, "mnt");
        Directory.CreateDirectory(mountPoint);
        var socketPath = Path.Combine(folder.Path, "notify.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        socket.ReceiveTimeout = 30_000;

        using var daemon = Tools.Start(Tools.Gphotosfs, new Dictionary<string, string?> { ["NOTIFY_SOCKET"] = socketPath }, "mount", mountPoint, "--library", demo.Folder, "--foreground");
        try
        {
            var ready = Receive(socket);
            Assert.Contains("READY=1", ready);
            Assert.Contains($"MAINPID={daemon.Id}", ready);
            Assert.True(Tools.IsMounted(mountPoint), "READY=1 came before the mount was live");
            Assert.True(File.Exists(Path.Combine(mountPoint, demo.Items()[0].MountPath)));

            Tools.Signal(daemon.Id, "TERM");

            Assert.Equal("STOPPING=1", Receive(socket));
            Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(60)), "daemon still running after SIGTERM");
            Assert.Equal(0, daemon.ExitCode);
            Assert.False(Tools.IsMounted(mountPoint));
        }
        finally
        {
            if (!daemon.HasExited)
            {
                Tools.Run("fusermount3", "-uz", mountPoint);
                daemon.Kill();
            }
        }
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        var n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}
