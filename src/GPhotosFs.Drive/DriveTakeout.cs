using System.Text.RegularExpressions;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Takeout.Indexing;

namespace GPhotosFs.Drive;

/// <summary>
/// Takeout exports delivered to Google Drive (REFERENCE §6), indexed where they are: finds the
/// folders named <see cref="SourceName"/> (Takeout's "Takeout" by default; several may exist), lists
/// the parts in them (<c>takeout-STAMP[-N]-NNN.zip</c>), groups them by export stamp and indexes
/// every part not indexed yet through the same <see cref="TakeoutIndexer"/> a local <c>takeout add</c>
/// uses, reading only what it needs by Range. A part indexed before and no longer listed is
/// noticed: its items stay, the source's health names the export and the part.
/// </summary>
public sealed partial class DriveTakeout(LibraryCatalog catalog, DrivePartStorages storages, SourceHealthStore health, IProgress<TakeoutProgress>? progress = null)
{
    /// <summary>The catalog source kind of Takeout exports read from Drive.</summary>
    public const string Kind = "google-drive-takeout";

    public const string DefaultFolder = "Takeout";

    public async Task<DriveAddResult> AddAsync(string folder, CancellationToken cancellationToken)
    {
        var client = storages.Client;
        var found = new List<DriveFileInfo>();
        var folders = 0;
        progress?.Report(new TakeoutProgress($"looking for Drive folders named '{folder}'", 0, 0));
        await foreach (var f in client.ListAsync($"name = '{Escape(folder)}' and mimeType = '{DriveFileInfo.FolderMimeType}' and trashed = false", $"listing Drive folders named '{folder}'", cancellationToken).ConfigureAwait(false))
        {
            folders++;
            await foreach (var file in client.ListAsync($"'{Escape(f.Id)}' in parents and trashed = false", $"listing Drive folder '{folder}' ({f.Id})", cancellationToken).ConfigureAwait(false))
            {
                if (!file.IsFolder && PartName().IsMatch(file.Name)) found.Add(file);
            }
        }

        var refused = new List<string>();
        var zips = new List<DriveFileInfo>();
        foreach (var file in found)
        {
            if (file.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                zips.Add(file);
            }
            else
            {
                refused.Add($"{file.Name}: a .tgz part cannot be read in place (gzip has no random access; reading one member means decompressing the part up to it); " +
                            "choose .zip when scheduling Takeout exports, or download this part and 'gphotosfs takeout add' it");
            }
        }

        var indexer = new TakeoutIndexer(catalog, folder, progress, partStorages: storages, sourceKind: Kind);
        var listed = zips.Select(z => storages.Listed(z).Location).ToList();
        var known = indexer.ListParts();
        var removed = known.Where(p => !listed.Contains(p.Path, StringComparer.Ordinal)).ToList();
        foreach (var part in removed)
        {
            if (storages.Open(part.Path) is DrivePart gone) gone.MarkRemoved();
        }

        var exports = zips.Select(z => TakeoutIndexer.ExportNameOf(z.Name)).Distinct().Count();
        var result = listed.Count == 0 ? new TakeoutAddResult() : indexer.Add(listed);
        storages.ForgetCachedBytes();
        if (catalog.GetSources().FirstOrDefault(s => s.Kind == Kind && s.Name == folder) is { } source)
        {
            RecordHealth(source.Id, removed);
        }

        return new DriveAddResult(folders, zips.Count, exports, removed, refused, result);
    }

    /// <summary>Names in the source's health every recorded part no longer on Drive (with its export), or clears that when none is gone.</summary>
    private void RecordHealth(long sourceId, IReadOnlyList<TakeoutPartRecord> removed)
    {
        var problem = removed.Count == 0
            ? null
            : string.Join("; ", removed.GroupBy(p => p.Export).Select(g =>
                $"Takeout export {g.Key}: {string.Join(", ", g.Select(p => DrivePart.Parse(p.Path)?.Name ?? p.Path))} no longer on Google Drive; " +
                "its items stay listed, those not cached cannot be read (restore the part from Drive's trash, or keep a newer export)"));
        health.Update(sourceId, h => problem is null
            ? h.Unavailable?.Contains("no longer on Google Drive", StringComparison.Ordinal) == true ? h with { Unavailable = null } : h
            : h with
            {
                Unavailable = problem,
                RecentErrors = h.Unavailable == problem ? h.RecentErrors : h.RecentErrors.Prepend(new HealthEvent(DateTimeOffset.UtcNow, problem)).Take(SourceHealthStore.MaxRecentErrors).ToList(),
            });
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    [GeneratedRegex(@"^takeout-\d{8}T\d{6}Z(?:-\d+)*\.(?:zip|tgz|tar\.gz)$", RegexOptions.IgnoreCase)]
    private static partial Regex PartName();
}

/// <param name="Folders">Drive folders of that name searched.</param>
/// <param name="Parts">.zip parts found in them.</param>
/// <param name="Exports">Distinct exports (by stamp) among them.</param>
/// <param name="Removed">Parts indexed before and no longer on Drive.</param>
/// <param name="Refused">Parts that cannot be read in place (.tgz), each with what to do.</param>
public sealed record DriveAddResult(int Folders, int Parts, int Exports, IReadOnlyList<TakeoutPartRecord> Removed, IReadOnlyList<string> Refused, TakeoutAddResult Indexed);
