namespace GPhotosFs.Vfs.Content;

/// <summary>An item's bytes cannot be served. The message names the item and says what to do; reads fail with EIO.</summary>
public sealed class ContentUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
