namespace GPhotosFs.GoogleEmulator;

/// <summary>One media item of the emulated library; its bytes are generated from it on demand.</summary>
public sealed record EmulatedItem(int Index, string Id, string FileName, string MimeType, DateTimeOffset CreationTime, int Width, int Height, string CameraMake, string CameraModel)
{
    public bool IsVideo => MimeType.StartsWith("video/", StringComparison.Ordinal);
}

/// <summary>One album: its id, title and items in album order.</summary>
public sealed record EmulatedAlbum(string Id, string Title, IReadOnlyList<int> ItemIndexes);
