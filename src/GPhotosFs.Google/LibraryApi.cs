namespace GPhotosFs.Google;

/// <summary>The Photos Library API calls gphotosfs makes, with Google's page-size limits.</summary>
public sealed class LibraryApi(GoogleApiClient client, Uri baseUrl)
{
    public const int MediaItemsPageSize = 100;
    public const int AlbumsPageSize = 50;
    public const int BatchGetLimit = 50;

    public Task<MediaItemPage> ListMediaItemsAsync(string? pageToken, int page, CancellationToken cancellationToken) =>
        client.SendAsync<MediaItemPage>($"mediaItems.list (page {page})", HttpMethod.Get,
            new Uri(baseUrl, $"v1/mediaItems?pageSize={MediaItemsPageSize}{Token(pageToken)}"), null, cancellationToken);

    public Task<AlbumPage> ListAlbumsAsync(string? pageToken, int page, CancellationToken cancellationToken) =>
        client.SendAsync<AlbumPage>($"albums.list (page {page})", HttpMethod.Get,
            new Uri(baseUrl, $"v1/albums?pageSize={AlbumsPageSize}{Token(pageToken)}"), null, cancellationToken);

    public Task<MediaItemPage> SearchAlbumAsync(string albumId, string? pageToken, string albumTitle, CancellationToken cancellationToken) =>
        client.SendAsync<MediaItemPage>($"mediaItems.search (album '{albumTitle}')", HttpMethod.Post,
            new Uri(baseUrl, "v1/mediaItems:search"), new SearchBody(albumId, MediaItemsPageSize, pageToken), cancellationToken);

    /// <summary>Up to 50 items by id; the results are in request order, each with a status when not found.</summary>
    public Task<BatchGetResponse> BatchGetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count is 0 or > BatchGetLimit) throw new ArgumentOutOfRangeException(nameof(ids), ids.Count, "batchGet takes 1 to 50 ids");
        var query = string.Join('&', ids.Select(id => "mediaItemIds=" + Uri.EscapeDataString(id)));
        return client.SendAsync<BatchGetResponse>($"mediaItems.batchGet ({ids.Count} items)", HttpMethod.Get, new Uri(baseUrl, $"v1/mediaItems:batchGet?{query}"), null, cancellationToken);
    }

    /// <summary>Every item of an album, in album order.</summary>
    public async Task<List<string>> ListAlbumItemIdsAsync(Album album, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await SearchAlbumAsync(album.Id, token, album.Title ?? album.Id, cancellationToken).ConfigureAwait(false);
            ids.AddRange((page.MediaItems ?? []).Select(m => m.Id));
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
        return ids;
    }

    private static string Token(string? pageToken) => string.IsNullOrEmpty(pageToken) ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken);

    private sealed record SearchBody(string AlbumId, int PageSize, string? PageToken);
}
