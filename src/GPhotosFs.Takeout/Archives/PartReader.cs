using System.IO.Compression;
using GPhotosFs.Takeout.Sidecars;

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

    /// <summary>The kind of a part wherever it lives: local parts as <see cref="DetectKind(string)"/>, others by name, then by their first bytes.</summary>
    public static PartKind? DetectKind(IPartStorage part)
    {
        if (part.ReadsInPlace)
        {
            return DetectKind(part.Location);
        }

        if (!part.Exists())
        {
            return null;
        }

        if (part.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return PartKind.Zip;
        }

        if (part.Name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) || part.Name.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase))
        {
            return PartKind.TarGzip;
        }

        Span<byte> magic = stackalloc byte[2];
        return part.ReadAt(0, magic) == 2
            ? magic[0] == 'P' && magic[1] == 'K' ? PartKind.Zip : magic[0] == 0x1f && magic[1] == 0x8b ? PartKind.TarGzip : null
            : null;
    }

    /// <summary>Reads a part's directory and its JSON members. Never throws for a bad part: the problem lands in <see cref="PartScan.Error"/>.</summary>
    public static PartScan Scan(string path, string partId, PartKind kind, IndexCounters counters)
    {
        using var part = new LocalPartFile(path);
        return Scan(part, partId, kind, counters);
    }

    /// <inheritdoc cref="Scan(string, string, PartKind, IndexCounters)"/>
    public static PartScan Scan(IPartStorage part, string partId, PartKind kind, IndexCounters counters)
    {
        var scan = new PartScan(partId, part.Location, kind);
        var name = part.Name;
        try
        {
            switch (kind)
            {
                case PartKind.Zip:
                    ScanZip(scan, part, name, counters);
                    break;
                case PartKind.TarGzip:
                    ScanTarGzip(scan, part, name, counters);
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
            scan.Error = PartErrors.Describe(name, kind, ex, scan.Entries.Count);
        }

        return scan;
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of a member (fewer if it is shorter).</summary>
    public static byte[] ReadHead(string partPath, PartKind kind, ArchiveEntry entry, int maxBytes)
    {
        using var part = new LocalPartFile(partPath);
        return ReadHead(part, kind, entry, maxBytes);
    }

    /// <inheritdoc cref="ReadHead(string, PartKind, ArchiveEntry, int)"/>
    public static byte[] ReadHead(IPartStorage part, PartKind kind, ArchiveEntry entry, int maxBytes)
    {
        var wanted = (int)Math.Min(maxBytes, entry.Size);
        var buffer = new byte[wanted];
        var partName = part.Name;
        if (kind == PartKind.Folder)
        {
            using var file = File.OpenHandle(System.IO.Path.Combine(part.Location, entry.SourcePath ?? entry.Path));
            return buffer[..RandomAccess.Read(file, buffer, 0)];
        }

        // Over HTTP the local header and the head come in one request: the header's read fetches a block holding both.
        var dataOffset = ZipDirectory.DataOffset(part, entry.Position, entry.CompressedSize, partName, entry.Path);
        if (entry.Method == MemberMethod.ZipStored)
        {
            return buffer[..part.ReadAt(dataOffset, buffer)];
        }

        using var inflate = new DeflateStream(part.OpenRange(dataOffset, entry.CompressedSize), CompressionMode.Decompress);
        var filled = inflate.ReadAtLeast(buffer, wanted, throwOnEndOfStream: false);
        return buffer[..filled];
    }

    /// <summary>Whether the part's first member is named "Takeout/…" (a damaged part of a real export, as opposed to some other file).</summary>
    public static bool StartsLikeTakeout(string path, PartKind kind)
    {
        using var part = new LocalPartFile(path);
        return StartsLikeTakeout(part, kind);
    }

    /// <inheritdoc cref="StartsLikeTakeout(string, PartKind)"/>
    public static bool StartsLikeTakeout(IPartStorage part, PartKind kind)
    {
        try
        {
            var head = new byte[4096];
            int filled;
            using (var file = part.OpenRange(0, Math.Min(part.Length, kind == PartKind.Zip ? head.Length : 1 << 20)))
            {
                if (kind == PartKind.Zip)
                {
                    filled = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                    return filled >= 30 + 8 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4
                        && head.AsSpan(30, Math.Min(filled - 30, 8)).SequenceEqual("Takeout/"u8);
                }

                if (kind != PartKind.TarGzip)
                {
                    return false;
                }

                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                filled = gzip.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            }

            // The first tar header's name, or a PAX header naming the path.
            return head.AsSpan(0, filled).IndexOf("Takeout/"u8) is >= 0 and < 2048;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>What a media member's own metadata says: EXIF (photos, from its head) or the QuickTime movie header (videos).</summary>
    public static MediaFacts? ReadFacts(string partPath, PartKind kind, ArchiveEntry entry, IndexCounters counters)
    {
        using var part = new LocalPartFile(partPath);
        return ReadFacts(part, kind, entry, counters);
    }

    /// <inheritdoc cref="ReadFacts(string, PartKind, ArchiveEntry, IndexCounters)"/>
    public static MediaFacts? ReadFacts(IPartStorage part, PartKind kind, ArchiveEntry entry, IndexCounters counters)
    {
        if (TakeoutNames.MimeTypeOf(entry.Path).StartsWith("image/", StringComparison.Ordinal))
        {
            var head = ReadHead(part, kind, entry, ExifDates.HeadBytes);
            counters.AddMediaHead(head.Length);
            return ExifDates.ReadFacts(head);
        }

        if (!TakeoutNames.IsVideo(entry.Path))
        {
            return null;
        }

        using var stream = OpenForFacts(part, kind, entry);
        var created = QuickTimeDates.Read(stream, entry.Size, out var read);
        counters.AddMediaHead(read);
        return created is null ? null : new MediaFacts(created, "quicktime");
    }

    /// <summary>CRC-32 of an extracted folder's file (identity by content where size and name collide).</summary>
    public static uint HashFile(string partPath, ArchiveEntry entry)
    {
        using var file = File.OpenHandle(System.IO.Path.Combine(partPath, entry.SourcePath ?? entry.Path));
        var buffer = new byte[1 << 20];
        uint crc = 0;
        long at = 0;
        int n;
        while ((n = RandomAccess.Read(file, buffer, at)) > 0)
        {
            crc = Crc32.Append(crc, buffer.AsSpan(0, n));
            at += n;
        }

        return crc;
    }

    /// <summary>A stream over the member from its first byte: seekable for folders and stored zip members (atoms are skipped by seeking).</summary>
    private static Stream OpenForFacts(IPartStorage part, PartKind kind, ArchiveEntry entry)
    {
        if (kind == PartKind.Folder)
        {
            return new FileStream(System.IO.Path.Combine(part.Location, entry.SourcePath ?? entry.Path), FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        }

        if (!part.ReadsInPlace)
        {
            // A remote part: a forward-only range (QuickTime's atoms are read through, not sought past).
            var offset = ZipDirectory.DataOffset(part, entry.Position, entry.CompressedSize, part.Name, entry.Path);
            var range = part.OpenRange(offset, entry.CompressedSize);
            return entry.Method == MemberMethod.ZipStored ? range : new DeflateStream(range, CompressionMode.Decompress);
        }

        var partPath = part.Location;
        var handle = File.OpenHandle(partPath);
        try
        {
            var dataOffset = ZipDirectory.DataOffset(handle, entry.Position, entry.CompressedSize, System.IO.Path.GetFileName(partPath), entry.Path);
            if (entry.Method == MemberMethod.ZipStored)
            {
                var file = new FileStream(handle, FileAccess.Read, 4096);
                file.Position = dataOffset;
                return file;
            }

            return new DeflateStream(new HandleRangeStream(handle, dataOffset, entry.CompressedSize, ownsHandle: true), CompressionMode.Decompress);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
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
            return Checked(new HandleRangeStream(handle, dataOffset, entry.CompressedSize, ownsHandle: true), entry, partName);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A zip member's whole bytes as a checked stream (declared size and CRC-32 enforced), read as
    /// one sequential range of the part (over HTTP: one ranged request). The part stays the caller's.
    /// </summary>
    public static Stream OpenZipMember(IPartStorage part, ArchiveEntry entry)
    {
        if (!part.ReadsInPlace)
        {
            // Remote: the local header and the member in one request.
            return Checked(new RemoteMemberStream(part, entry), entry, part.Name);
        }

        var dataOffset = ZipDirectory.DataOffset(part, entry.Position, entry.CompressedSize, part.Name, entry.Path);
        return Checked(part.OpenRange(dataOffset, entry.CompressedSize), entry, part.Name);
    }

    private static CheckedMemberStream Checked(Stream raw, ArchiveEntry entry, string partName)
    {
        if (entry.Method == MemberMethod.ZipDeflated)
        {
            raw = new DeflateStream(raw, CompressionMode.Decompress);
        }

        return new CheckedMemberStream(raw, entry.Size, entry.Crc32, $"{partName}: {entry.Path}");
    }

    private static void ScanZip(PartScan scan, IPartStorage part, string partName, IndexCounters counters)
    {
        if (part.Length == 0)
        {
            throw new TakeoutPartException($"{partName}: the file is empty (0 bytes); download the part again");
        }

        scan.Entries.AddRange(ZipDirectory.Read(part, partName, scan.Warnings, scan.Rejected));
        // Sidecars and album metadata are read next: a remote part fetches them in few coalesced requests.
        part.Prefetch(scan.Entries.Where(e => TakeoutNames.IsJson(e.Path) && e.Size <= MaxJsonBytes).Select(ZipDirectory.MemberSpan).ToList());
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
                var bytes = ReadSmallZipMember(part, entry, partName);
                counters.AddJsonBytes(bytes.Length);
                scan.AddJson(entry.Path, bytes);
            }
            catch (Exception ex) when (ex is InvalidDataException or TakeoutPartException or IOException)
            {
                scan.Warnings.Add($"{partName}: cannot read '{entry.Path}': {PartErrors.Words(ex)}");
            }
        }
    }

    private static byte[] ReadSmallZipMember(IPartStorage part, ArchiveEntry entry, string partName)
    {
        var dataOffset = ZipDirectory.DataOffset(part, entry.Position, entry.CompressedSize, partName, entry.Path);
        Stream raw = part.OpenRange(dataOffset, entry.CompressedSize);
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
    /// media members get a CRC-32 (their identity, as zip members have: the bytes stream past once
    /// anyway, so it costs only the CRC's arithmetic) and, for photos and videos, the EXIF or
    /// QuickTime facts of their head. Members are held to <see cref="MemberLimits"/> (their
    /// compressed share of the gzip stream is counted), and the stream must end in tar's end
    /// marker: a damaged header in the middle, which the tar reader takes for the end, or a
    /// truncated part, is a named part error (the members before it stay indexed). Nothing is written to disk.
    /// </summary>
    private static void ScanTarGzip(PartScan scan, IPartStorage part, string partName, IndexCounters counters)
    {
        if (part.Length == 0)
        {
            throw new TakeoutPartException($"{partName}: the file is empty (0 bytes); download the part again");
        }

        using var file = part.ReadsInPlace ? new FileStream(part.Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) : part.OpenRange(0, part.Length);
        using var compressed = new CountingStream(file);
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        var tar = new TarStreamReader(gzip);
        var buffer = new byte[1 << 16];
        var head = new byte[ExifDates.HeadBytes];
        string? previous = null;
        while (true)
        {
            TarHeader? entry;
            try
            {
                entry = tar.Next();
            }
            catch (TarHeaderException)
            {
                throw new TakeoutPartException($"{partName}: damaged tar header {After(previous)} (at byte {tar.Position:N0} of the archive); the members after it are not indexed (download the part again)");
            }

            if (entry is null)
            {
                break;
            }

            var name = EntryPaths.Check(entry.Name);
            var shown = name.Path ?? ZipDirectory.Printable(entry.Name);
            if (!entry.IsRegularFile)
            {
                if (!entry.IsDirectory)
                {
                    scan.Rejected.Add(new RejectedMember(partName, shown, entry.IsLink ? "link (Takeout holds none); refused" : $"not a regular file (tar type '{entry.Type}')"));
                }

                continue;
            }

            var dataOffset = entry.DataOffset;
            var size = entry.Size;
            var compressedBefore = compressed.BytesRead;
            previous = shown;
            if (name.Path is not { } path)
            {
                scan.Rejected.Add(new RejectedMember(partName, shown, name.Rejected!));
                continue;
            }

            if (name.Renamed)
            {
                scan.Warnings.Add($"{partName}: '{ZipDirectory.Printable(entry.Name)}' has control characters in its name; shown as '{path}'");
            }

            var data = new CountingStream(tar.Data, computeCrc: true);
            if (TakeoutNames.IsJson(path) && size <= MaxJsonBytes)
            {
                var json = new byte[size];
                data.ReadExactly(json);
                counters.AddJsonBytes(json.Length);
                scan.AddJson(path, json);
            }
            else
            {
                var mime = TakeoutNames.MimeTypeOf(path);
                MediaFacts? facts = null;
                if (mime.StartsWith("image/", StringComparison.Ordinal))
                {
                    var filled = data.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
                    facts = ExifDates.ReadFacts(head.AsSpan(0, filled));
                }
                else if (mime.StartsWith("video/", StringComparison.Ordinal) && QuickTimeDates.Read(data, size, out _) is { } created)
                {
                    facts = new MediaFacts(created, "quicktime");
                }

                DrainMember(data, buffer);
                if (facts is not null)
                {
                    scan.HeadFacts[path] = facts;
                }
            }

            if (MemberLimits.Check(size, compressed.BytesRead - compressedBefore) is { } tooMuch)
            {
                scan.Rejected.Add(new RejectedMember(partName, path, tooMuch));
                continue;
            }

            if (TakeoutNames.IsJson(path) && size > MaxJsonBytes)
            {
                scan.Warnings.Add($"{partName}: skipped '{path}': {size} bytes is too large for a sidecar");
                continue;
            }

            scan.Entries.Add(new ArchiveEntry(path, size, size, MemberMethod.TarGzip, dataOffset, data.Crc, entry.Modified));
        }

        if (!tar.SawEndMarker)
        {
            throw new TakeoutPartException(scan.Entries.Count == 0 && scan.Rejected.Count == 0
                ? $"{partName}: holds no tar archive (empty or cut short); download the part again"
                : $"{partName}: ends {After(previous)} without tar's end marker: the part is truncated; download it again");
        }

        // After the end marker only zero padding may follow; anything else is a header taken for the end.
        var endMarker = tar.Position;
        int n;
        while ((n = gzip.Read(buffer)) > 0)
        {
            if (buffer.AsSpan(0, n).ContainsAnyExcept((byte)0))
            {
                throw new TakeoutPartException($"{partName}: damaged tar header {After(previous)} (at byte {endMarker:N0} of the archive); the members after it are not indexed (download the part again)");
            }
        }
    }

    private static string After(string? member) => member is null ? "before its first member" : $"after '{member}'";

    private static void DrainMember(Stream? data, byte[] buffer)
    {
        if (data is null)
        {
            return;
        }

        while (data.Read(buffer) > 0)
        {
        }
    }

    private static void ScanFolder(PartScan scan, IndexCounters counters)
    {
        var root = System.IO.Path.GetFullPath(scan.Path);
        var partName = System.IO.Path.GetFileName(root);
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(root));
        while (pending.TryPop(out var folder))
        {
            FileSystemInfo[] children;
            try
            {
                children = folder.GetFileSystemInfos();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                scan.Rejected.Add(new RejectedMember(partName, ZipDirectory.Printable(System.IO.Path.GetRelativePath(root, folder.FullName)), "folder cannot be read (permission denied or I/O error)"));
                continue;
            }

            foreach (var child in children.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                var relative = System.IO.Path.GetRelativePath(root, child.FullName);
                if (child.LinkTarget is not null)
                {
                    scan.Rejected.Add(new RejectedMember(partName, ZipDirectory.Printable(relative), "symbolic link (Takeout holds none); refused"));
                    continue;
                }

                if (child is DirectoryInfo directory)
                {
                    pending.Push(directory);
                    continue;
                }

                if (child is not FileInfo file)
                {
                    continue;
                }

                var name = EntryPaths.Check(relative);
                if (name.Path is not { } path)
                {
                    scan.Rejected.Add(new RejectedMember(partName, ZipDirectory.Printable(relative), name.Rejected!));
                    continue;
                }

                if (name.Renamed)
                {
                    scan.Warnings.Add($"{partName}: '{ZipDirectory.Printable(relative)}' has control characters in its name; shown as '{path}'");
                }

                scan.Entries.Add(new ArchiveEntry(path, file.Length, file.Length, MemberMethod.File, 0, null, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero),
                    name.Renamed ? relative.Replace(System.IO.Path.DirectorySeparatorChar, '/') : null));
                if (TakeoutNames.IsJson(path) && file.Length <= MaxJsonBytes)
                {
                    try
                    {
                        var json = File.ReadAllBytes(file.FullName);
                        counters.AddJsonBytes(json.Length);
                        scan.AddJson(path, json);
                    }
                    catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
                    {
                        scan.Warnings.Add($"{partName}: cannot read '{path}' (permission denied or I/O error); its media keeps dates from EXIF or its name");
                    }
                }
            }
        }
    }
}
