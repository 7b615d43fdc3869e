using GPhotosFs.Originals;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// A remote part could not be read (its store answered an error or could not be reached). An
/// <see cref="IOException"/>, so archive code reports it like any read failure, naming the part;
/// <see cref="Kind"/> tells the download engine whether trying again later can help.
/// </summary>
public sealed class RemotePartException(string message, OriginFailureKind kind, Exception? inner = null) : IOException(message, inner)
{
    public OriginFailureKind Kind { get; } = kind;
}
