using GPhotosFs.Catalog.Sync;
using GPhotosFs.Sources;
using GPhotosFs.Takeout.Content;
using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Drive;

/// <summary>
/// Takeout exports delivered to Google Drive, read where they are: every member is fetched by
/// Range into the library's cache on first read (stored members streamed, deflated ones inflated
/// as they come, size and CRC-32 checked before the last byte); the sync picks up new exports and
/// notices removed parts. The source's name is the Drive folder searched ("Takeout").
/// </summary>
public sealed class DriveSourceKind : ISourceKind
{
    public string Name => DriveTakeout.Kind;

    public bool CanGoStale => true;

    public bool DownloadsIntoCache => true;

    /// <summary>An item missing from the newest export still lies in an older one.</summary>
    public bool MissingMeansDeleted => false;

    public IItemContentSource OpenContent(SourceContext context)
    {
        var source = context.Source;
        var connection = context.Own(new DriveConnection(context.ConfigFolder, context.Http, context.Logger));
        return new TakeoutContentSource(source, origin => context.Caches.Create(source, origin, checkMedia: false), context.Logger, context.Health,
            () => context.Catalog.GetSources().FirstOrDefault(s => s.Id == source.Id)?.Config, connection.Parts);
    }

    public ILibrarySync CreateSync(SourceContext context) =>
        new DriveSync(context.Catalog, context.Own(new DriveConnection(context.ConfigFolder, context.Http, context.Logger)), context.Health);
}
