namespace GPhotosFs.Originals;

/// <summary>
/// Originals published under one HTTP base address, each at <c>BASE/&lt;locator&gt;</c> (path segments
/// escaped). The URLs do not expire, so a refresh returns the same one.
/// </summary>
public sealed class HttpFolderUrls(Uri baseUri) : IDownloadUrlProvider
{
    private readonly Uri _base = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    public ValueTask<DownloadUrl> GetUrlAsync(OriginalKey key, bool refresh, CancellationToken cancellationToken)
    {
        var locator = key.Locator ?? key.SourceItemId;
        var escaped = string.Join('/', locator.Split('/').Select(Uri.EscapeDataString));
        return ValueTask.FromResult(new DownloadUrl(new Uri(_base, escaped)));
    }
}
