namespace GPhotosFs.Google;

/// <summary>The Picker API calls: sessions and the items picked in them.</summary>
public sealed class PickerApi(GoogleApiClient client, Uri baseUrl)
{
    public const int PageSize = 100;

    public Task<PickingSession> CreateSessionAsync(CancellationToken cancellationToken) =>
        client.SendAsync<PickingSession>("sessions.create", HttpMethod.Post, new Uri(baseUrl, "v1/sessions"), new { }, cancellationToken);

    public Task<PickingSession> GetSessionAsync(string id, CancellationToken cancellationToken) =>
        client.SendAsync<PickingSession>("sessions.get", HttpMethod.Get, new Uri(baseUrl, $"v1/sessions/{Uri.EscapeDataString(id)}"), null, cancellationToken);

    public Task DeleteSessionAsync(string id, CancellationToken cancellationToken) =>
        client.SendAsync<object>("sessions.delete", HttpMethod.Delete, new Uri(baseUrl, $"v1/sessions/{Uri.EscapeDataString(id)}"), null, cancellationToken);

    /// <summary>Every picked item. Before the user is done Google answers FAILED_PRECONDITION (a <see cref="GoogleApiException"/> with that ApiStatus).</summary>
    public async Task<List<PickedMediaItem>> ListPickedAsync(string sessionId, CancellationToken cancellationToken)
    {
        var items = new List<PickedMediaItem>();
        string? token = null;
        var page = 0;
        do
        {
            var uri = new Uri(baseUrl, $"v1/mediaItems?sessionId={Uri.EscapeDataString(sessionId)}&pageSize={PageSize}" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)));
            var result = await client.SendAsync<PickedMediaItemPage>($"mediaItems.list of picker session (page {++page})", HttpMethod.Get, uri, null, cancellationToken).ConfigureAwait(false);
            items.AddRange(result.MediaItems ?? []);
            token = string.IsNullOrEmpty(result.NextPageToken) ? null : result.NextPageToken;
        }
        while (token is not null);
        return items;
    }
}
