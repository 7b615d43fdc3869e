using System.Formats.Tar;
using System.IO.Compression;
using GPhotosFs.Takeout.Sidecars;
using Microsoft.Win32.SafeHandles;

namespace GPhotosFs.Takeout.Archives;

/// <summary>
/// Reads Takeout parts of every kind: their directories (<see cref="Scan"/>), small members whole
/// (sidecars), the heads of media members (EXIF dates), and whole members as checked streams.
/// </summary>
public static class PartReader
{
    /// <summary>JSON members larger than this are not sidecars (they are at most a few KiB); they are skipped.</summary>
    public const int MaxJsonBytes = 1 << 20;

    public static PartKind? DetectKind(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            return PartKind.Folder;
        }

        if (!File.Exists(path))
        {
            return null;
        }

        var name = System.IO.Path.GetFileName(path);
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return PartKind.Zip;
        }

        if (name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
        {
            return PartKind.TarGzip;
        }

        Span<byte> magic = stackalloc byte[2];
        using var handle = File.OpenHandle(path);
        return RandomAccess.Read(handle, magic, 0) == 2
            ? magic[0] == 'P' && magic[1] == 'K' ? PartKind.Zip : magic[0] == 0x1f && magic[1] == 0x8b ? PartKind.TarGzip : null
            : null;
    }

    /// <summary>Reads a part's directory and its JSON members. Never throws for a bad part: the problem lands in <see cref="PartScan.Error"/>.</summary>
    public static PartScan Scan(string path, string partId, PartKind kind, IndexCounters counters)
    {
        var scan = new PartScan(partId, path, kind);
        var name = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(path));
        try
        {
            switch (kind)
            {
                case PartKind.Zip:
                    ScanZip(scan, name, counters);
                    break;
                case PartKind.TarGzip:
                    ScanTarGzip(scan, name, counters);
                    break;
                case PartKind.Folder:
                    ScanFolder(scan, counters);
                    break;
            }
        }
        catch (Exception ex) when (ex is TakeoutPartException or IOException or InvalidDataException or UnauthorizedAccessException or FormatException or ArgumentException or OverflowException
            // System.Formats.Tar reports some malformed headers (e.g. an oversized PAX block) this way.
            or InvalidOperationException)
        {
            scan.Error = ex is TakeoutPartException ? ex.Message : $"{name}: {ex.Message}";
        }

        return scan;
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of a member (fewer if it is shorter).</summary>
    public static byte[] ReadHead(string partPath, PartKind kind, ArchiveEntry entry, int maxBytes)
    {
        var wanted = (int)Math.Min(maxBytes, entry.Size);
        var buffer = new byte[wanted];
        var partName = System.IO.Path.GetFileName(partPath);
        if (kind == PartKind.Folder)
        {
            using var file = File.OpenHandle(System.IO.Path.Combine(partPath, entry.Path));
            return buffer[..RandomAccess.Read(file, buffer, 0)];
        }

        using var handle = File.OpenHandle(partPath);
        var dataOffset = ZipDirectory.DataOffset(handle, entry.Position, entry.CompressedSize, partName, entry.Path);
        if (entry.Method == MemberMethod.ZipStored)
        {
            return buffer[..RandomAccess.Read(handle, buffer, dataOffset)];
        }

        using var inflate = new DeflateStream(new HandleRangeStream(handle, dataOffset, entry.CompressedSize), CompressionMode.Decompress);
        var filled = inflate.ReadAtLeast(buffer, wanted, throwOnEndOfStream: false);
        return buffer[..filled];
    }

    /// <summary>
    /// A zip member's whole bytes as a checked stream (declared size and CRC-32 enforced). The
    /// stream owns its own handle on the part.
    /// </summary>
    public static Stream OpenZipMember(string partPath, ArchiveEntry entry)
    {
        var partName = System.IO.Path.GetFileName(partPath);
        var handle = File.OpenHandle(partPath);
        try
        {
            var dataOffset = ZipDirectory.DataOffset(handle, entry.Position, entry.CompressedSize, partName, entry.Path);
            Stream raw = new HandleRangeStream(handle, dataOffset, entry.CompressedSize, ownsHandle: true);
            if (entry.Method == MemberMethod.ZipDeflated)
            {
                raw = new DeflateStream(raw, CompressionMode.Decompress);
            }

            return new CheckedMemberStream(raw, entry.Size, entry.Crc32, $"{partName}: {entry.Path}");
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void ScanZip(PartScan scan, string partName, IndexCounters counters)
    {
        using var handle = File.OpenHandle(scan.Path);
        scan.Entries.AddRange(ZipDirectory.Read(handle, partName, scan.Warnings));
        foreach (var entry in scan.Entries)
        {
            if (!TakeoutNames.IsJson(entry.Path))
            {
                continue;
            }

            if (entry.Size > MaxJsonBytes)
            {
                scan.Warnings.Add($"{partName}: skipped '{entry.Path}': {entry.Size} bytes is too large for a sidecar");
                continue;
            }

            try
            {
                var bytes = ReadSmallZipMember(handle, entry, partName);
                counters.AddJsonBytes(bytes.Length);
                scan.Json[entry.Path] = bytes;
            }
            catch (Exception ex) when (ex is InvalidDataException or TakeoutPartException or IOException)
            {
                scan.Warnings.Add($"{partName}: cannot read '{entry.Path}': {ex.Message}");
            }
        }
    }

    private static byte[] ReadSmallZipMember(SafeFileHandle handle, ArchiveEntry entry, string partName)
    {
        var dataOffset = ZipDirectory.DataOffset(handle, entry.Position, entry.CompressedSize, partName, entry.Path);
        Stream raw = new HandleRangeStream(handle, dataOffset, entry.CompressedSize);
        if (entry.Method == MemberMethod.ZipDeflated)
        {
            raw = new DeflateStream(raw, CompressionMode.Decompress);
        }

        using var checkedStream = new CheckedMemberStream(raw, entry.Size, entry.Crc32, $"{partName}: {entry.Path}");
        var bytes = new byte[entry.Size];
        checkedStream.ReadExactly(bytes);
        if (checkedStream.Read(new byte[1]) != 0)
        {
            throw new InvalidDataException($"'{entry.Path}' holds more bytes than declared");
        }

        return bytes;
    }

    /// <summary>
    /// One sequential pass over the decompressed tar: every member's data offset is recorded (so a
    /// later read skips straight there instead of parsing headers again), JSON members are kept,
    /// media members get a CRC-32 (their identity, as zip members have) and, for photos, the EXIF
    /// date of their head. The bytes stream past once anyway; nothing is written to disk.
    /// </summary>
    private static void ScanTarGzip(PartScan scan, string partName, IndexCounters counters)
    {
        using var file = new FileStream(scan.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var counting = new CountingStream(new GZipStream(file, CompressionMode.Decompress));
        using var tar = new TarReader(counting, leaveOpen: true);
        var buffer = new byte[1 << 16];
        var head = new byte[ExifDates.HeadBytes];
        while (tar.GetNextEntry(copyData: false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile))
            {
                if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                {
                    scan.Warnings.Add($"{partName}: skipped link '{ZipDirectory.Printable(entry.Name)}'");
                }

                continue;
            }

            var path = EntryPaths.Normalize(entry.Name);
            if (path is null)
            {
                scan.Warnings.Add($"{partName}: skipped member with an unsafe name '{ZipDirectory.Printable(entry.Name)}'");
                continue;
            }

            var dataOffset = counting.BytesRead;
            var size = entry.Length;
            var data = entry.DataStream;
            uint crc = 0;
            if (TakeoutNames.IsJson(path))
            {
                if (size > MaxJsonBytes || data is null)
                {
                    scan.Warnings.Add($"{partName}: skipped '{path}': {size} bytes is too large for a sidecar");
                    continue;
                }

                var json = new byte[size];
                data.ReadExactly(json);
                counters.AddJsonBytes(json.Length);
                scan.Json[path] = json;
                crc = Crc32.Append(0, json);
            }
            else if (data is not null)
            {
                var headFilled = 0;
                int n;
                while ((n = data.Read(buffer)) > 0)
                {
                    crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                    if (headFilled < head.Length)
                    {
                        var take = Math.Min(n, head.Length - headFilled);
                        buffer.AsSpan(0, take).CopyTo(head.AsSpan(headFilled));
                        headFilled += take;
                    }
                }

                if (TakeoutNames.MimeTypeOf(path).StartsWith("image/", StringComparison.Ordinal) && ExifDates.Read(head.AsSpan(0, headFilled)) is { } taken)
                {
                    scan.HeadCaptureTimes[path] = taken;
                }
            }

            scan.Entries.Add(new ArchiveEntry(path, size, size, MemberMethod.TarGzip, dataOffset, crc, entry.ModificationTime));
        }
    }

    private static void ScanFolder(PartScan scan, IndexCounters counters)
    {
        var root = System.IO.Path.GetFullPath(scan.Path);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", options))
        {
            var path = EntryPaths.Normalize(System.IO.Path.GetRelativePath(root, file.FullName));
            if (path is null)
            {
                scan.Warnings.Add($"{scan.Path}: skipped file with an unusable name '{ZipDirectory.Printable(file.FullName)}'");
                continue;
            }

            scan.Entries.Add(new ArchiveEntry(path, file.Length, file.Length, MemberMethod.File, 0, null, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
            if (TakeoutNames.IsJson(path) && file.Length <= MaxJsonBytes)
            {
                var json = File.ReadAllBytes(file.FullName);
                counters.AddJsonBytes(json.Length);
                scan.Json[path] = json;
            }
        }
    }
}
