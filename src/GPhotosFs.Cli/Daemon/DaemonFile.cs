using System.Text.Json;
using System.Text.Json.Serialization;
using GPhotosFs.Vfs.Tree;

namespace GPhotosFs.Cli.Daemon;

/// <summary>
/// <c>.gphotosfs/daemon.json</c> in the mount: which process serves it and the library's state
/// folder (where its mount lock is). <c>gphotosfs unmount</c> reads it before unmounting, so it
/// can wait until that daemon has exited and the lock is free: an immediate mount then works.
/// </summary>
public static class DaemonFile
{
    public const string FileName = "daemon.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static ControlFile Create(string library, string stateFolder) =>
        new(FileName, new GeneratedContent(
            () => JsonSerializer.SerializeToUtf8Bytes(new DaemonRecord(Environment.ProcessId, library, stateFolder), JsonOptions),
            TimeSpan.MaxValue));

    /// <summary>What the daemon serving <paramref name="mountPoint"/> says about itself; null when it does not answer within <paramref name="timeout"/> (dead or hung).</summary>
    public static DaemonRecord? Read(string mountPoint, TimeSpan timeout)
    {
        var read = Task.Run(() =>
        {
            try
            {
                return JsonSerializer.Deserialize<DaemonRecord>(File.ReadAllBytes(Path.Combine(mountPoint, LibraryTreeBuilder.ControlFolderName, FileName)), JsonOptions);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                return null;
            }
        });
        return read.Wait(timeout) ? read.Result : null;
    }
}

/// <summary>The daemon's process id, its library and the library's state folder.</summary>
public sealed record DaemonRecord(int Pid, string Library, [property: JsonPropertyName("state_folder")] string StateFolder);
