namespace GPhotosFs.Vfs.Tree;

/// <summary>
/// A small generated file under the hidden <c>.gphotosfs/</c> folder (e.g. <c>status.json</c>). It is
/// not a catalog item: it is never cached, prefetched or backed up from the cache tree. Its bytes come
/// from <see cref="GeneratedContent"/>, which keeps one rendering for a short while so that a stat
/// and the read that follows it agree on the size.
/// </summary>
public sealed class VfsControlFile(ulong ino, byte[] name, GeneratedContent content) : VfsNode(ino, name, 0)
{
    public GeneratedContent Content { get; } = content;
}
