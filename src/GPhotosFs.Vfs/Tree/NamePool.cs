using System.Text;

namespace GPhotosFs.Vfs.Tree;

/// <summary>
/// Where a tree's entry names live: UTF-8 bytes packed into shared chunks, so a name costs its bytes
/// and a (chunk, offset, length) in its node instead of an array of its own (24 bytes of header and
/// padding each, a million of them in a big library). Chunks stay below the large-object threshold,
/// so a replaced tree's chunks are compacted away like any other garbage.
/// </summary>
internal sealed class NamePool
{
    private const int ChunkSize = 64 * 1024;
    private byte[] _chunk = [];
    private int _used;

    /// <summary>Stores <paramref name="name"/> as UTF-8.</summary>
    public NameBytes Add(string name)
    {
        var length = Encoding.UTF8.GetByteCount(name);
        var (chunk, offset) = Reserve(length);
        Encoding.UTF8.GetBytes(name, chunk.AsSpan(offset, length));
        return new NameBytes(chunk, offset, length);
    }

    /// <summary>Stores the concatenation of <paramref name="prefix"/> and <paramref name="rest"/>.</summary>
    public NameBytes Add(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> rest)
    {
        var (chunk, offset) = Reserve(prefix.Length + rest.Length);
        prefix.CopyTo(chunk.AsSpan(offset));
        rest.CopyTo(chunk.AsSpan(offset + prefix.Length));
        return new NameBytes(chunk, offset, prefix.Length + rest.Length);
    }

    private (byte[] Chunk, int Offset) Reserve(int length)
    {
        if (length > ChunkSize / 4)
        {
            return (new byte[length], 0); // a freak long name gets an array of its own
        }

        if (_used + length > _chunk.Length)
        {
            _chunk = new byte[ChunkSize];
            _used = 0;
        }

        var offset = _used;
        _used += length;
        return (_chunk, offset);
    }
}

/// <summary>A name's bytes inside a <see cref="NamePool"/> chunk (or a whole array of its own).</summary>
internal readonly record struct NameBytes(byte[] Store, int Offset, int Length)
{
    public static NameBytes Of(byte[] bytes) => new(bytes, 0, bytes.Length);

    public ReadOnlySpan<byte> Span => new(Store, Offset, Length);
}
