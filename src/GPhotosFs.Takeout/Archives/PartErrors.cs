namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Says in words what is wrong with a part that could not be read, naming it: the runtime's own
/// messages ("Unable to read beyond the end of the stream.") mean nothing to the person holding the archive.
/// </summary>
public static class PartErrors
{
    public static string Describe(string partName, PartKind kind, Exception error, int membersRead)
    {
        if (error is TakeoutPartException)
        {
            return error.Message;
        }

        var kept = membersRead > 0 ? $"; the {membersRead:N0} members before that point are indexed" : "";
        return error switch
        {
            EndOfStreamException => $"{partName}: ends in the middle of its data: the part is truncated (an interrupted download?){kept}; download it again",
            InvalidDataException when kind == PartKind.TarGzip => $"{partName}: its compressed data is damaged (not a valid gzip/tar stream){kept}; download the part again",
            InvalidDataException => $"{partName}: its data is damaged{kept}; download the part again",
            UnauthorizedAccessException => $"{partName}: cannot be read: permission denied; make it readable by this user",
            FileNotFoundException or DirectoryNotFoundException => $"{partName}: has disappeared while it was being read",
            IOException => $"{partName}: cannot be read (an I/O error from the disk or network share){kept}",
            _ => $"{partName}: is damaged: a header holds impossible values{kept}; download the part again",
        };
    }

    /// <summary>What went wrong reading a member, in words (the project's own messages are kept; the runtime's are described).</summary>
    public static string Words(Exception error) => error switch
    {
        TakeoutPartException or TarHeaderException => error.Message,
        InvalidDataException when error.Message.StartsWith('\'') => error.Message, // CheckedMemberStream names the member
        EndOfStreamException => "the archive ends early (truncated part); download it again",
        InvalidDataException => "its compressed data is damaged; download the part again",
        UnauthorizedAccessException => "permission denied; make the archive readable by this user",
        FileNotFoundException or DirectoryNotFoundException => "the file is gone",
        _ => error.Message,
    };
}
