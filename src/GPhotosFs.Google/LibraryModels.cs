namespace GPhotosFs.Google;

// The Library API's JSON (REFERENCE §1): int64 fields arrive as strings.

public sealed record MediaItem(string Id, string? Description, string? BaseUrl, string? MimeType, string? Filename, MediaMetadata? MediaMetadata)
{
    public bool IsVideo => MimeType?.StartsWith("video/", StringComparison.Ordinal) == true || MediaMetadata?.Video is not null;
}

public sealed record MediaMetadata(DateTimeOffset? CreationTime, string? Width, string? Height, PhotoMetadata? Photo, VideoMetadata? Video);

public sealed record PhotoMetadata(string? CameraMake, string? CameraModel);

public sealed record VideoMetadata(double? Fps, string? Status);

public sealed record MediaItemPage(IReadOnlyList<MediaItem>? MediaItems, string? NextPageToken);

public sealed record Album(string Id, string? Title, string? MediaItemsCount);

public sealed record AlbumPage(IReadOnlyList<Album>? Albums, string? NextPageToken);

public sealed record BatchGetResponse(IReadOnlyList<MediaItemResult>? MediaItemResults);

public sealed record MediaItemResult(MediaItem? MediaItem, ApiStatus? Status);

public sealed record ApiStatus(int Code, string? Message);
