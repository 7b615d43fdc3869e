using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Reads a zip's central directory (zip64 included) without touching member data: the end record
/// is found in the last 64 KiB, the directory is read in one go, and each member's local header is
/// read only when its bytes are wanted (<see cref="DataOffset"/>). Members that cannot be served
/// safely (encrypted, unknown method, pointing past the directory, implausible compression ratio)
/// are skipped with a warning naming them; a part whose directory is unreadable throws
/// <see cref="TakeoutPartException"/> naming the part.
/// </summary>
public static class ZipDirectory
{
    /// <summary>A deflated member claiming to grow more than this factor is treated as a zip bomb.</summary>
    public const long MaxCompressionRatio = MemberLimits.MaxCompressionRatio;

    /// <summary>Members below this size are not ratio-checked (tiny JSON compresses well).</summary>
    public const long RatioCheckFloor = MemberLimits.RatioCheckFloor;

    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint CentralSignature = 0x02014b50;
    internal const uint LocalSignature = 0x04034b50;

    /// <summary>The largest tail a zip's end records can need: the end record, its longest comment, and the zip64 locator.</summary>
    public const int TailBytes = 65535 + 22 + 20;

    public static List<ArchiveEntry> Read(SafeFileHandle handle, string partName, ICollection<string> warnings, ICollection<RejectedMember>? rejected = null)
    {
        using var part = new HandlePart(handle, partName);
        return Read(part, partName, warnings, rejected);
    }

    /// <summary>
    /// Reads the directory with at most three reads of the part (tail, zip64 record when it is not in
    /// the tail, directory): over HTTP Range, three requests whatever the number of members.
    /// </summary>
    public static List<ArchiveEntry> Read(IPartStorage part, string partName, ICollection<string> warnings, ICollection<RejectedMember>? rejected = null)
    {
        rejected ??= new List<RejectedMember>();
        var length = part.Length;
        var tailLength = (int)Math.Min(length, TailBytes);
        var tail = new byte[tailLength];
        ReadExactly(part, tail, length - tailLength, partName);
        var end = -1;
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw new TakeoutPartException($"{partName}: no zip directory found (the part is truncated or not a zip file)");
        }

        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long directorySize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if (end >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == Zip64LocatorSignature)
        {
            var zip64EndOffset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(end - 20 + 8));
            if (zip64EndOffset < 0 || zip64EndOffset + 56 > length)
            {
                throw new TakeoutPartException($"{partName}: the zip64 directory record points outside the file (truncated part?)");
            }

            var record = new byte[56];
            var tailStart = length - tailLength;
            if (zip64EndOffset >= tailStart)
            {
                tail.AsSpan((int)(zip64EndOffset - tailStart), 56).CopyTo(record); // usually right before the locator: no extra read
            }
            else
            {
                ReadExactly(part, record, zip64EndOffset, partName);
            }

            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
            {
                throw new TakeoutPartException($"{partName}: the zip64 directory record is damaged");
            }

            count = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32));
            directorySize = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(40));
            directoryOffset = BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(48));
        }

        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize > length || directorySize > int.MaxValue || count < 0)
        {
            throw new TakeoutPartException($"{partName}: the zip directory lies outside the file ({length} bytes): the part is truncated or damaged");
        }

        // Pooled: a million-item export's directories are a quarter of a gigabyte, garbage once read.
        var rented = ArrayPool<byte>.Shared.Rent((int)directorySize);
        var directory = rented.AsSpan(0, (int)directorySize);
        var tailOffset = length - tailLength;
        if (directoryOffset >= tailOffset)
        {
            tail.AsSpan((int)(directoryOffset - tailOffset), (int)directorySize).CopyTo(directory); // small parts: the directory is in the tail
        }
        else
        {
            ReadExactly(part, directory, directoryOffset, partName);
        }

        var entries = new List<ArchiveEntry>((int)Math.Min(count, 1 << 20));
        var at = 0;
        for (long n = 0; n < count; n++)
        {
            if (at + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory[at..]) != CentralSignature)
            {
                throw new TakeoutPartException($"{partName}: the zip directory is damaged at entry {n + 1} of {count}");
            }

            var span = directory[at..];
            var madeBy = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
            var externalAttributes = BinaryPrimitives.ReadUInt32LittleEndian(span[38..]);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(span[10..]);
            var dosTime = BinaryPrimitives.ReadUInt16LittleEndian(span[12..]);
            var dosDate = BinaryPrimitives.ReadUInt16LittleEndian(span[14..]);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(span[16..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(span[20..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(span[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(span[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(span[32..]);
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[42..]);
            var next = at + 46 + nameLength + extraLength + commentLength;
            if (next > directory.Length)
            {
                throw new TakeoutPartException($"{partName}: the zip directory is damaged at entry {n + 1} of {count}");
            }

            var rawName = Encoding.UTF8.GetString(directory.Slice(at + 46, nameLength));
            ApplyZip64(directory.Slice(at + 46 + nameLength, extraLength), ref size, ref compressed, ref localOffset);
            at = next;

            if (rawName.EndsWith('/') || rawName.EndsWith('\\'))
            {
                continue; // a directory
            }

            var name = EntryPaths.Check(rawName);
            if (name.Path is not { } path)
            {
                rejected.Add(new RejectedMember(partName, Printable(rawName), name.Rejected!));
                continue;
            }

            if (name.Renamed)
            {
                warnings.Add($"{partName}: '{Printable(rawName)}' has control characters in its name; shown as '{path}'");
            }

            // Unix-made zips keep the file mode in the high half of the external attributes: a link's "data" is its target's name.
            if (madeBy >> 8 == 3 && ((externalAttributes >> 16) & 0xF000) == 0xA000)
            {
                rejected.Add(new RejectedMember(partName, path, "symbolic link (Takeout holds none); refused"));
                continue;
            }

            if ((flags & 1) != 0 || method is not (0 or 8))
            {
                rejected.Add(new RejectedMember(partName, path, (flags & 1) != 0 ? "encrypted" : $"compression method {method} is not supported"));
                continue;
            }

            if (localOffset < 0 || compressed < 0 || size < 0 || localOffset + 30 + compressed > directoryOffset)
            {
                rejected.Add(new RejectedMember(partName, path, "its data lies outside the archive (damaged directory)"));
                continue;
            }

            if (method == 0 && compressed != size)
            {
                rejected.Add(new RejectedMember(partName, path, $"stored member with {compressed} bytes in the part but {size} declared (damaged directory)"));
                continue;
            }

            if (method == 8 && MemberLimits.Check(size, compressed) is { } tooMuch)
            {
                rejected.Add(new RejectedMember(partName, path, tooMuch));
                continue;
            }

            entries.Add(new ArchiveEntry(path, size, compressed, method == 0 ? MemberMethod.ZipStored : MemberMethod.ZipDeflated, localOffset, crc, DosTime(dosDate, dosTime)));
        }

        ArrayPool<byte>.Shared.Return(rented); // a damaged directory's exception leaves it to the GC
        return entries;
    }

    /// <summary>Reads the member's local header and returns where its data starts.</summary>
    public static long DataOffset(SafeFileHandle handle, long localHeaderOffset, long compressedSize, string partName, string memberName)
    {
        using var part = new HandlePart(handle, partName);
        return DataOffset(part, localHeaderOffset, compressedSize, partName, memberName);
    }

    /// <summary>Reads the member's local header and returns where its data starts.</summary>
    public static long DataOffset(IPartStorage part, long localHeaderOffset, long compressedSize, string partName, string memberName)
    {
        Span<byte> header = stackalloc byte[30];
        if (part.ReadAt(localHeaderOffset, header) != 30 || BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalSignature)
        {
            throw new TakeoutPartException($"{partName}: the local header of '{memberName}' is damaged or missing (truncated part?)");
        }

        var dataOffset = localHeaderOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        if (dataOffset + compressedSize > part.Length)
        {
            throw new TakeoutPartException($"{partName}: '{memberName}' ends past the end of the part (truncated part?)");
        }

        return dataOffset;
    }

    private static void ApplyZip64(ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + length > extra.Length)
            {
                return;
            }

            if (id == 1)
            {
                var field = extra.Slice(4, length);
                // Only the values whose 32-bit field is 0xFFFFFFFF are present, in this order.
                if (size == uint.MaxValue && field.Length >= 8)
                {
                    size = BinaryPrimitives.ReadInt64LittleEndian(field);
                    field = field[8..];
                }

                if (compressed == uint.MaxValue && field.Length >= 8)
                {
                    compressed = BinaryPrimitives.ReadInt64LittleEndian(field);
                    field = field[8..];
                }

                if (localOffset == uint.MaxValue && field.Length >= 8)
                {
                    localOffset = BinaryPrimitives.ReadInt64LittleEndian(field);
                }

                return;
            }

            extra = extra[(4 + length)..];
        }
    }

    private static DateTimeOffset? DosTime(ushort date, ushort time)
    {
        int year = 1980 + (date >> 9), month = (date >> 5) & 15, day = date & 31;
        int hour = time >> 11, minute = (time >> 5) & 63, second = (time & 31) * 2;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    /// <summary>The bytes a member's local header and data take, as far as the central directory tells (the local extra field may be longer: slack covers the usual ones).</summary>
    public static ByteSpan MemberSpan(ArchiveEntry entry) =>
        new(entry.Position, 30 + Encoding.UTF8.GetByteCount(entry.Path) + LocalExtraSlack + entry.CompressedSize);

    /// <summary>Room for a local header's extra field (zip64 sizes, timestamps) not visible in the directory.</summary>
    private const int LocalExtraSlack = 64;

    internal static void ReadExactly(IPartStorage part, Span<byte> buffer, long offset, string partName)
    {
        var n = part.ReadAt(offset, buffer);
        if (n != buffer.Length)
        {
            throw new TakeoutPartException($"{partName}: ends early at byte {offset + n} (truncated part?)");
        }
    }

    /// <summary>A handle some caller already opened, seen as a part.</summary>
    private sealed class HandlePart(SafeFileHandle handle, string name) : IPartStorage
    {
        public string Location => name;

        public string Name => name;

        public bool ReadsInPlace => true;

        public long Length => RandomAccess.GetLength(handle);

        public long ModifiedTicks => 0;

        public string? Revision => null;

        public bool Exists() => true;

        public int ReadAt(long offset, Span<byte> buffer) => LocalPartFile.ReadAt(handle, offset, buffer);

        public Stream OpenRange(long offset, long length) => new HandleRangeStream(handle, offset, length);

        public void Prefetch(IReadOnlyList<ByteSpan> ranges)
        {
        }

        public void Dispose()
        {
            // the caller's handle
        }
    }

    internal static string Printable(string text) =>
        new(text.Select(c => char.IsControl(c) ? '?' : c).Take(200).ToArray());
}
