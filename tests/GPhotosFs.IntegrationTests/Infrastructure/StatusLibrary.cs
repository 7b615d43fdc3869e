using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;

namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>
/// A library with one syncing source ("google-library") whose sync bookkeeping and health record
/// are set the way a real sync would leave them, for status tests. Its config folder is private to it.
/// </summary>
internal sealed class StatusLibrary : IDisposable
{
    private readonly TempFolder _root = new();

    public StatusLibrary(DateTimeOffset? lastSuccess, Func<SourceHealth, SourceHealth>? health = null, string? lastError = null)
    {
        Directory.CreateDirectory(Folder);
        using var catalog = LibraryCatalog.Open(Path.Combine(Folder, "catalog.db"), CatalogAccess.ReadWrite);
        SourceId = catalog.EnsureSource("google-library", "me@example.com", null).Id;
        catalog.SaveSyncState(new SyncState
        {
            SourceId = SourceId,
            LastStarted = lastSuccess ?? DateTimeOffset.UtcNow.AddMinutes(-5),
            LastFinished = lastSuccess ?? DateTimeOffset.UtcNow.AddMinutes(-4),
            LastSuccess = lastSuccess,
            LastResult = lastError is null ? SyncState.ResultOk : SyncState.ResultFailed,
            LastError = lastError,
            ItemsSeen = 42,
        });
        if (health is not null)
        {
            new SourceHealthStore(Path.Combine(Folder, "state")).Update(SourceId, health);
        }
    }

    public string Folder => Path.Combine(_root.Path, "library");

    public string ConfigFolder => Path.Combine(_root.Path, "config");

    public long SourceId { get; }

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["GPHOTOSFS_CONFIG_DIR"] = ConfigFolder, ["GPHOTOSFS_LIBRARY"] = null };

    public CommandResult Gphotosfs(params string[] args) => Tools.RunGphotosfsWith(Environment, args);

    public void Dispose() => _root.Dispose();
}
