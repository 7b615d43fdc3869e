using System.Text;
using GPhotosFs.IO;

namespace GPhotosFs.Fuse.Tests;

/// <summary>
/// A small in-memory filesystem for exercising the binding on a real mount: root (1) holds
/// <c>hello.txt</c> (2), <c>link</c> (3, a symlink to hello.txt), <c>boom</c> (4, every read throws),
/// and <c>big/</c> (5) with <see cref="BigDirectoryCount"/> empty files (inodes 1000…).
/// </summary>
internal sealed class MemoryFileSystem : FuseFileSystemBase
{
    public const ulong Hello = 2, Link = 3, Boom = 4, Big = 5, FirstBigFile = 1000;
    public static readonly byte[] HelloContent = Encoding.UTF8.GetBytes("hello, fuse\n");
    public static readonly long MTimeMilliseconds = new DateTimeOffset(2019, 5, 17, 10, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public int BigDirectoryCount { get; init; } = 10_000;
    public int OpenFiles;
    public int InitCalls;
    public int DestroyCalls;
    public FuseCapabilities Granted;

    public override void Init(ref FuseConnInfo connection)
    {
        InitCalls++;
        connection.Want |= connection.Capable & FuseCapabilities.ReaddirPlus;
        connection.Want &= ~FuseCapabilities.ReaddirPlusAuto;
        Granted = connection.Want;
    }

    public override void Destroy() => DestroyCalls++;

    public override int Lookup(ulong parent, ReadOnlySpan<byte> name, ref FuseEntryParam entry)
    {
        var ino = Find(parent, Encoding.UTF8.GetString(name));
        if (ino == 0)
        {
            return -Errno.ENOENT;
        }

        entry.Ino = ino;
        entry.AttrTimeout = entry.EntryTimeout = 1;
        return GetAttr(ino, ref entry.Attr, out _);
    }

    public override int GetAttr(ulong ino, ref Stat stat, out double attrTimeout)
    {
        attrTimeout = 1;
        stat.Ino = ino;
        stat.MTime = TimeSpec.FromUnixMilliseconds(MTimeMilliseconds);
        switch (ino)
        {
            case 1 or Big:
                stat.Mode = FileModes.Directory | 0x16D; // 0555
                stat.NLink = 2;
                return 0;
            case Hello:
                stat.Mode = FileModes.Regular | 0x124; // 0444
                stat.NLink = 1;
                stat.Size = HelloContent.Length;
                return 0;
            case Link:
                stat.Mode = FileModes.Symlink | 0x1FF;
                stat.NLink = 1;
                stat.Size = "hello.txt".Length;
                return 0;
            case Boom:
                throw new InvalidOperationException("deliberate failure in getattr");
            default:
                if (ino >= FirstBigFile && ino < FirstBigFile + (ulong)BigDirectoryCount)
                {
                    stat.Mode = FileModes.Regular | 0x124;
                    stat.NLink = 1;
                    return 0;
                }

                return -Errno.ENOENT;
        }
    }

    public override int ReadLink(ulong ino, out byte[]? target)
    {
        target = ino == Link ? Encoding.UTF8.GetBytes("hello.txt") : null;
        return ino == Link ? 0 : -Errno.EINVAL;
    }

    public override int Open(ulong ino, ref FuseFileInfo fileInfo)
    {
        Interlocked.Increment(ref OpenFiles);
        fileInfo.KeepCache = true;
        return 0;
    }

    public override int Release(ulong ino, ref FuseFileInfo fileInfo)
    {
        Interlocked.Decrement(ref OpenFiles);
        return 0;
    }

    public override void Read(FuseReadRequest request)
    {
        if (request.Ino != Hello)
        {
            request.ReplyError(Errno.EIO);
            return;
        }

        var start = (int)Math.Min(request.Offset, HelloContent.Length);
        var count = Math.Min(request.Size, HelloContent.Length - start);
        // Answer from another thread, as a download would.
        Task.Run(() => request.ReplyData(HelloContent.AsSpan(start, count)));
    }

    public override int ReadDir(ulong ino, long offset, FuseDirectoryBuffer buffer, ref FuseFileInfo fileInfo, bool plus)
    {
        var entries = Entries(ino);
        if (entries is null)
        {
            return -Errno.ENOTDIR;
        }

        for (var i = (int)offset; i < entries.Count; i++)
        {
            var (name, child) = entries[i];
            var bytes = Encoding.UTF8.GetBytes(name);
            bool added;
            if (plus)
            {
                var entry = new FuseEntryParam { Ino = child, AttrTimeout = 1, EntryTimeout = 1 };
                if (child == Boom)
                {
                    // Attributes unknown: a valid inode with zero timeouts makes the kernel ask again.
                    entry.Attr.Ino = child;
                    entry.Attr.Mode = FileModes.Regular;
                    entry.AttrTimeout = entry.EntryTimeout = 0;
                }
                else
                {
                    GetAttr(child, ref entry.Attr, out _);
                }

                added = buffer.TryAddPlus(bytes, entry, i + 1);
            }
            else
            {
                added = buffer.TryAdd(bytes, child, child is 1 or Big ? FileModes.Directory : FileModes.Regular, i + 1);
            }

            if (!added)
            {
                break;
            }
        }

        return 0;
    }

    public override int GetXattr(ulong ino, ReadOnlySpan<byte> name, out byte[]? value)
    {
        value = ino == Hello && name.SequenceEqual("user.test.greeting"u8) ? Encoding.UTF8.GetBytes("bonjour") : null;
        return value is null ? -Errno.ENOATTR : 0;
    }

    public override int ListXattr(ulong ino, out byte[]? names)
    {
        names = ino == Hello ? "user.test.greeting\0"u8.ToArray() : [];
        return 0;
    }

    private ulong Find(ulong parent, string name) =>
        Entries(parent)?.FirstOrDefault(e => e.Name == name).Ino ?? 0;

    private List<(string Name, ulong Ino)>? Entries(ulong dir) => dir switch
    {
        1 => [(".", 1), ("..", 1), ("hello.txt", Hello), ("link", Link), ("boom", Boom), ("big", Big)],
        Big => [.. Enumerable.Range(0, BigDirectoryCount).Select(i => ($"file-{i:D6}.jpg", FirstBigFile + (ulong)i))],
        _ => null,
    };
}
