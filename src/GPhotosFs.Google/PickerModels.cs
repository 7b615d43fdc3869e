namespace GPhotosFs.Google;

// The Picker API's JSON (REFERENCE §1). Durations are strings like "3.5s".

public sealed record PickingSession(string Id, string? PickerUri, PollingConfig? PollingConfig, DateTimeOffset? ExpireTime, bool? MediaItemsSet);

public sealed record PollingConfig(string? PollInterval, string? TimeoutIn)
{
    public static TimeSpan? ParseDuration(string? value) =>
        value is { Length: > 1 } && value.EndsWith('s') &&
        double.TryParse(value.AsSpan(0, value.Length - 1), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}

public sealed record PickedMediaItem(string Id, DateTimeOffset? CreateTime, string? Type, PickedMediaFile? MediaFile)
{
    public bool IsVideo => Type == "VIDEO" || MediaFile?.MimeType?.StartsWith("video/", StringComparison.Ordinal) == true;
}

public sealed record PickedMediaFile(string? BaseUrl, string? MimeType, string? Filename, PickedFileMetadata? MediaFileMetadata);

public sealed record PickedFileMetadata(int? Width, int? Height, string? CameraMake, string? CameraModel);

public sealed record PickedMediaItemPage(IReadOnlyList<PickedMediaItem>? MediaItems, string? NextPageToken);
