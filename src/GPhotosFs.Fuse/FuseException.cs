namespace GPhotosFs.Fuse;

/// <summary>A mount could not be set up or torn down.</summary>
public sealed class FuseException(string message) : Exception(message);
