using System.Diagnostics;
using GPhotosFs.IO;

namespace GPhotosFs.Cli.Daemon;

/// <summary>
/// Runs the mount in the background the way mount(8) and fstab expect: the command returns once the
/// mount is live (exit 0) or has failed (its error printed, non-zero exit). .NET cannot fork, so the
/// daemon is this program started again with --foreground; it writes a ready line on stdout once
/// mounted and then sends its output to the library's log file.
/// </summary>
public static class BackgroundLauncher
{
    public const string ChildFlag = "--daemon-child";
    public const string ReadyLine = "GPHOTOSFS-READY";

    public static int Launch(IEnumerable<string> foregroundArguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
        }

        foreach (var argument in foregroundArguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(ChildFlag);
        DaemonRuntime.ApplyTo(start.Environment);
        using var child = Process.Start(start)!;
        child.StandardInput.Close();
        var stderr = child.StandardError.ReadToEndAsync();
        var ready = Task.Run(() =>
        {
            while (child.StandardOutput.ReadLine() is { } line)
            {
                if (line == ReadyLine)
                {
                    return true;
                }
            }

            return false;
        });

        if (ready.Wait(timeout) && ready.Result)
        {
            return 0;
        }

        if (!child.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            child.Kill(entireProcessTree: true);
            Console.Error.WriteLine($"gphotosfs: the mount did not come up within {timeout.TotalSeconds:0} s; stopped it.");
            return 1;
        }

        Console.Error.Write(stderr.Result);
        return child.ExitCode == 0 ? 1 : child.ExitCode;
    }

    /// <summary>In the daemon: leave the caller's session (so its terminal's signals do not reach us).</summary>
    public static void DetachFromTerminal() => Libc.SetSid();

    /// <summary>In the daemon, once mounted: tell the launcher, then send stdout and stderr to <paramref name="logPath"/> (0600).</summary>
    public static void SignalReadyAndRedirect(string logPath)
    {
        Console.Out.WriteLine(ReadyLine);
        Console.Out.Flush();
        var fd = Libc.Open(logPath, Libc.O_WRONLY | Libc.O_CREAT | Libc.O_APPEND | Libc.O_CLOEXEC, 0x180); // 0600
        if (fd < 0)
        {
            fd = Libc.Open("/dev/null", Libc.O_WRONLY | Libc.O_CLOEXEC, 0);
        }

        // fds 1 and 2 for native code (libfuse's messages)…
        Libc.Dup2(fd, 1);
        Libc.Dup2(fd, 2);
        Libc.Close(fd);

        // …and Console, which writes to its own duplicates of the original descriptors.
        var log = new StreamWriter(new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(2, ownsHandle: false), FileAccess.Write, 1)) { AutoFlush = true };
        Console.SetOut(log);
        Console.SetError(log);
    }

}
