using System.Text.Json;

namespace GPhotosFs.Catalog.Health;

/// <summary>
/// Keeps the cache's <see cref="CacheHealth"/> as <c>cache.json</c> in the library's state folder,
/// updated under an exclusive lock and replaced atomically, as <see cref="SourceHealthStore"/> does.
/// Writing it must never fail a read: a full disk is exactly when it may not be writable, so the
/// writers catch I/O errors and the log carries the news.
/// </summary>
public sealed class CacheHealthStore(string folder, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Folder { get; } = folder;

    private string FilePath => Path.Combine(Folder, "cache.json");

    public CacheHealth Read()
    {
        try
        {
            using var stream = File.OpenRead(FilePath);
            return JsonSerializer.Deserialize<CacheHealth>(stream, HealthJson.Options) ?? new CacheHealth();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return new CacheHealth();
        }
    }

    /// <summary>Applies <paramref name="change"/> under the lock; false when the record could not be written (e.g. that disk is full too).</summary>
    public bool TryUpdate(Func<CacheHealth, CacheHealth> change)
    {
        try
        {
            PrivateFiles.EnsureDirectory(Folder);
            using var held = PrivateFiles.LockExclusively(FilePath + ".lock");
            var updated = change(Read()) with { UpdatedAt = _time.GetUtcNow() };
            PrivateFiles.ReplaceAtomically(FilePath, stream => JsonSerializer.Serialize(stream, updated, HealthJson.Options));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public bool RecordDiskFull(string message) =>
        TryUpdate(h => h.DiskFull == message ? h : h with { DiskFull = message, DiskFullSince = h.DiskFullSince ?? _time.GetUtcNow() });

    public bool ClearDiskFull() => TryUpdate(h => h with { DiskFull = null, DiskFullSince = null });

    public bool RecordEviction(long files, long bytes) =>
        TryUpdate(h => h with { EvictedFiles = h.EvictedFiles + files, EvictedBytes = h.EvictedBytes + bytes, LastEvictionAt = _time.GetUtcNow() });
}
