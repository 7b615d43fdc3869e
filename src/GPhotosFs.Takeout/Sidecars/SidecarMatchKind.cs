namespace GPhotosFs.Takeout.Sidecars;

/// <summary>How a media file found its sidecar.</summary>
public enum SidecarMatchKind
{
    /// <summary>A sidecar names the file (classic, supplemental, duplicate or extensionless form).</summary>
    Named,

    /// <summary>The sidecar's name was cut to Takeout's 51-character limit; matched by prefix.</summary>
    Truncated,

    /// <summary>An edited copy ("-edited", "-bearbeitet"…) sharing its original's sidecar.</summary>
    EditedCopy,

    /// <summary>A motion-photo companion (the video of a photo with the same base name) sharing the photo's sidecar.</summary>
    Companion,
}

/// <summary>The sidecar chosen for one media file.</summary>
public sealed record SidecarMatch(string SidecarPath, SidecarMatchKind Kind);
