namespace GPhotosFs.Vfs.Tree;

/// <summary>
/// A small generated file under the hidden <c>.gphotosfs/</c> folder (e.g. <c>status.json</c>). It is
/// not a catalog item: it is never cached, prefetched or backed up from the cache tree. Its bytes come
/// from <see cref="GeneratedContent"/>, which keeps one rendering for a short while so that a stat
/// and the read that follows it agree on the size.
/// </summary>
public sealed class VfsControlFile : VfsNode
{
    internal VfsControlFile(ulong ino, NameBytes name, GeneratedContent content)
        : base(name, 0)
    {
        Ino = ino;
        Content = content;
    }

    public override ulong Ino { get; }

    public GeneratedContent Content { get; }
}
