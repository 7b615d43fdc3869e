namespace GPhotosFs.Takeout.Archives;

/// <summary>A part cannot be read (corrupt, truncated, not an archive). The message names the part.</summary>
public sealed class TakeoutPartException(string message, Exception? inner = null) : Exception(message, inner);
