namespace GPhotosFs.Originals;

/// <summary>Where a source's originals can be downloaded from. URLs may expire (Google's last about an hour).</summary>
public interface IDownloadUrlProvider
{
    /// <param name="refresh">The last URL was refused: get a new one rather than a cached one.</param>
    ValueTask<DownloadUrl> GetUrlAsync(OriginalKey key, bool refresh, CancellationToken cancellationToken);
}

/// <summary>A download URL and the headers it needs (e.g. a bearer token), which are never logged.</summary>
public sealed record DownloadUrl(Uri Uri, IReadOnlyDictionary<string, string>? Headers = null);
