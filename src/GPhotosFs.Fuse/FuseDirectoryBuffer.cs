using System.Runtime.InteropServices;
using GPhotosFs.Fuse.Native;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse;

/// <summary>
/// The reply buffer of one readdir/readdirplus request. Entries are packed by libfuse's
/// <c>fuse_add_direntry(_plus)</c>; <see cref="TryAdd"/> returns false when the next entry no longer
/// fits, and the kernel asks again from that entry's offset.
/// </summary>
public sealed unsafe class FuseDirectoryBuffer
{
    private const int MaxNameBytes = 1024;

    [ThreadStatic] private static FuseDirectoryBuffer? t_instance;

    private nint _req;
    private byte* _buffer;
    private nuint _capacity;
    private nuint _allocated;
    private nuint _used;

    private FuseDirectoryBuffer() { }

    /// <summary>Bytes packed so far.</summary>
    public int Length => (int)_used;

    /// <summary>Adds a plain entry. Only the inode number and the type bits of <paramref name="mode"/> are used.</summary>
    public bool TryAdd(ReadOnlySpan<byte> name, ulong ino, uint mode, long nextOffset)
    {
        Stat stat = default;
        stat.Ino = ino;
        stat.Mode = mode;
        CheckName(name);
        Span<byte> z = stackalloc byte[name.Length + 1];
        CopyWithNul(name, z);
        fixed (byte* pName = z)
        {
            var size = LibFuse.AddDirentry(_req, _buffer + _used, _capacity - _used, pName, &stat, nextOffset);
            return Commit(size);
        }
    }

    /// <summary>Adds an entry with full attributes (readdirplus); the kernel counts it as a lookup unless it is "." or "..".</summary>
    public bool TryAddPlus(ReadOnlySpan<byte> name, in FuseEntryParam entry, long nextOffset)
    {
        CheckName(name);
        if (entry.Ino == 0)
        {
            // The kernel silently drops readdirplus entries with inode 0: fail loudly instead.
            throw new ArgumentException($"readdirplus entry '{System.Text.Encoding.UTF8.GetString(name)}' has inode 0.", nameof(entry));
        }

        Span<byte> z = stackalloc byte[name.Length + 1];
        CopyWithNul(name, z);
        fixed (byte* pName = z)
        fixed (FuseEntryParam* pEntry = &entry)
        {
            var size = LibFuse.AddDirentryPlus(_req, _buffer + _used, _capacity - _used, pName, pEntry, nextOffset);
            return Commit(size);
        }
    }

    internal static FuseDirectoryBuffer Rent(nint req, nuint capacity)
    {
        var buffer = t_instance ??= new FuseDirectoryBuffer();
        if (buffer._allocated < capacity)
        {
            NativeMemory.Free(buffer._buffer);
            buffer._buffer = (byte*)NativeMemory.Alloc(capacity);
            buffer._allocated = capacity;
        }

        buffer._req = req;
        buffer._capacity = capacity;
        buffer._used = 0;
        return buffer;
    }

    internal void Reply()
    {
        LibFuse.ReplyBuf(_req, _buffer, _used);
    }

    private bool Commit(nuint size)
    {
        if (size > _capacity - _used)
        {
            return false;
        }

        _used += size;
        return true;
    }

    private static void CheckName(ReadOnlySpan<byte> name)
    {
        if (name.Length == 0 || name.Length > MaxNameBytes || name.Contains((byte)0))
        {
            throw new ArgumentException("A directory entry name must be 1 to 1024 bytes without NUL.", nameof(name));
        }
    }

    private static void CopyWithNul(ReadOnlySpan<byte> name, Span<byte> destination)
    {
        name.CopyTo(destination);
        destination[name.Length] = 0;
    }
}
