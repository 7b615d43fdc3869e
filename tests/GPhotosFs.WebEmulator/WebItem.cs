namespace GPhotosFs.WebEmulator;

public enum WebItemKind
{
    Photo,
    Video,
    MotionPhoto,
    ProcessingVideo,
}

/// <summary>One item of the emulated account; its bytes are generated from it on demand.</summary>
public sealed record WebItem(int Index, string Id, string FileName, WebItemKind Kind, DateTimeOffset CaptureTime, int Width, int Height)
{
    public bool IsVideo => Kind is WebItemKind.Video or WebItemKind.ProcessingVideo;

    /// <summary>A motion photo's download is a zip named after the photo.</summary>
    public string DownloadName => Kind == WebItemKind.MotionPhoto ? Path.ChangeExtension(FileName, ".zip") : FileName;

    /// <summary>The video inside a motion photo's zip.</summary>
    public string MotionVideoName => Path.ChangeExtension(FileName, ".mov");
}

/// <summary>One album: its id, title and items in album order.</summary>
public sealed record WebAlbum(string Id, string Title, IReadOnlyList<int> ItemIndexes)
{
    /// <summary>Inside an album the same item has another id (as on photos.google.com).</summary>
    public string ScopedIdOf(int n) => $"AF1QipAl{Id.Length:x}{n * 7919 % 100_000:x5}_{n}";
}
