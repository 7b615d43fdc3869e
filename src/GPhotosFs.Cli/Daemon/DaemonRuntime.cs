using System.Collections;
using System.Runtime.InteropServices;
using GPhotosFs.IO;

namespace GPhotosFs.Cli.Daemon;

/// <summary>
/// Runtime settings of the mount daemon that only the environment can give: the runtime and glibc
/// read them once at start-up, runtimeconfig.json has no key for them, and they were measured for
/// the daemon's workload only (not for, say, a <c>takeout add</c> of a million items, whose heap is
/// one large, long-lived structure). A value the user exported is left as it is. Each one cut the daemon's peak RSS
/// during a cold rsync of 2,000 x 3 MB through the mount (bench/vs-rclone.sh; /proc/PID/smaps at
/// the peak, one run each at load 11-16, after concurrent GC and EXIF-only JPEG parsing had
/// brought it from ~300 to 116 MiB): together to 95-99 MiB.
/// <list type="bullet">
/// <item><c>DOTNET_GCgen0size</c> 2 MiB: the workstation GC sizes its youngest generation from the
/// CPU's last-level cache (32 MiB here) and keeps it committed. The daemon's garbage is small and
/// short-lived (reply and download buffers come from one pool), so a few more, quicker collections
/// cost little: the GC's committed memory fell from 22-32 MiB to 12-15 MiB.</item>
/// <item><c>DOTNET_TieredCompilation</c> 0: the code is precompiled (ReadyToRun); tiering compiled
/// the hot methods again, which kept 6 MiB more code (counted twice: W^X maps it twice) and the
/// JIT's working memory: 117 to 101 MiB. The mount warms its read path before it is ready, so the
/// first read does not pay for it.</item>
/// <item><c>DOTNET_GCRegionSize</c> 1 MiB: each generation's memory is committed in regions, 4 MiB
/// by default; a daemon whose heap is a few MiB kept most of that empty (-3 MiB).</item>
/// <item><c>MALLOC_ARENA_MAX</c> 2: glibc gives each thread that allocates (libfuse's workers,
/// SQLite, OpenSSL) its own 64 MiB arena, each holding its own freed memory (-4 MiB).</item>
/// </list>
/// </summary>
public static class DaemonRuntime
{
    public static IReadOnlyList<(string Name, string Value)> Settings { get; } =
    [
        ("DOTNET_GCgen0size", "0x200000"),
        ("DOTNET_TieredCompilation", "0"),
        ("DOTNET_GCRegionSize", "0x100000"),
        ("MALLOC_ARENA_MAX", "2"),
    ];

    /// <summary>For the background launcher: adds the settings the environment does not already have.</summary>
    public static void ApplyTo(IDictionary<string, string?> environment)
    {
        foreach (var (name, value) in Settings)
        {
            if (!environment.ContainsKey(name))
            {
                environment[name] = value;
            }
        }
    }

    /// <summary>True when this process started without some of the settings (a foreground mount from systemd or a shell).</summary>
    public static bool Missing() => Settings.Any(s => Environment.GetEnvironmentVariable(s.Name) is null);

    /// <summary>
    /// Starts this program again in this process (execve: the same PID, so systemd's MAINPID, its
    /// notify socket and its signals still find the daemon) with the settings added. Called before
    /// the daemon has opened or started anything. Returns only when the exec failed; the daemon then
    /// runs on with the runtime's defaults, which costs memory, not correctness.
    /// </summary>
    public static unsafe void RestartWithSettings()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value;
        }

        ApplyTo(environment);
        var program = Environment.ProcessPath!;
        var commandLine = Environment.GetCommandLineArgs();
        // Under 'dotnet gphotosfs.dll', the first argument names the program's assembly.
        List<string> arguments = Path.GetFileNameWithoutExtension(program) == "dotnet"
            ? [program, .. commandLine]
            : [program, .. commandLine.Skip(1)];
        var pointers = new List<nint>();
        try
        {
            var argv = stackalloc nint[arguments.Count + 1];
            for (var i = 0; i < arguments.Count; i++)
            {
                pointers.Add(argv[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]));
            }

            argv[arguments.Count] = 0;
            var variables = environment.Where(e => e.Value is not null).Select(e => $"{e.Key}={e.Value}").ToList();
            var envp = new nint[variables.Count + 1];
            for (var i = 0; i < variables.Count; i++)
            {
                pointers.Add(envp[i] = Marshal.StringToCoTaskMemUTF8(variables[i]));
            }

            fixed (nint* envpPointer = envp)
            {
                Libc.Execve(program, argv, envpPointer);
            }
        }
        finally
        {
            foreach (var pointer in pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }
}
