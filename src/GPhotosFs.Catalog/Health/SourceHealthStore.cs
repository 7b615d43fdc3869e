using System.Text.Json;

namespace GPhotosFs.Catalog.Health;

/// <summary>
/// Keeps each source's <see cref="SourceHealth"/> as a small JSON file in the library's state
/// folder, one per source id. Files, not catalog rows: a read-only mount and a concurrent sync
/// both record errors without contending for the catalog's single writer. Updates hold an
/// exclusive lock on a side file and replace the record atomically, so readers never see half.
/// </summary>
public sealed class SourceHealthStore(string folder, TimeProvider? timeProvider = null)
{
    public const int MaxRecentErrors = 20;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public string Folder { get; } = folder;

    /// <summary>The recorded health of <paramref name="sourceId"/>, or an empty record. A damaged file reads as empty (it is only a cache of recent events).</summary>
    public SourceHealth Read(long sourceId)
    {
        try
        {
            using var stream = File.OpenRead(PathOf(sourceId));
            return JsonSerializer.Deserialize<SourceHealth>(stream, HealthJson.Options) ?? new SourceHealth { SourceId = sourceId };
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return new SourceHealth { SourceId = sourceId };
        }
    }

    /// <summary>Applies <paramref name="change"/> to the stored record under an exclusive lock and stores the result.</summary>
    public SourceHealth Update(long sourceId, Func<SourceHealth, SourceHealth> change)
    {
        PrivateFiles.EnsureDirectory(Folder);
        using var held = PrivateFiles.LockExclusively(PathOf(sourceId) + ".lock");
        var updated = change(Read(sourceId)) with { SourceId = sourceId, UpdatedAt = _time.GetUtcNow() };
        PrivateFiles.ReplaceAtomically(PathOf(sourceId), stream => JsonSerializer.Serialize(stream, updated, HealthJson.Options));
        return updated;
    }

    /// <summary>Records an error (most recent first, capped at <see cref="MaxRecentErrors"/>).</summary>
    public SourceHealth RecordError(long sourceId, string message) =>
        Update(sourceId, health => health with
        {
            RecentErrors = health.RecentErrors.Prepend(new HealthEvent(_time.GetUtcNow(), message)).Take(MaxRecentErrors).ToList(),
        });

    private string PathOf(long sourceId) => Path.Combine(Folder, $"source-{sourceId}.json");
}
