namespace GPhotosFs.Takeout.Archives;

/// <summary>How a member's bytes are laid out in its part, which decides how they are read.</summary>
public enum MemberMethod
{
    /// <summary>A zip member stored uncompressed: read in place, with random access.</summary>
    ZipStored,

    /// <summary>A zip member compressed with deflate: inflated from its data offset.</summary>
    ZipDeflated,

    /// <summary>A member of a gzip-compressed tar: its data starts at an offset in the decompressed stream.</summary>
    TarGzip,

    /// <summary>A plain file in an extracted export folder.</summary>
    File,
}
