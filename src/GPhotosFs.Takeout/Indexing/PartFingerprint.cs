using System.Security.Cryptography;
using System.Text;
using GPhotosFs.Takeout.Archives;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// A part's content fingerprint, cheap to compute on a 50 GB archive: SHA-256 over its kind, size,
/// first and last 64 KiB (a zip's last 64 KiB hold its directory end; a gzip's trailer holds its
/// CRC and size). An extracted folder's is over its listing (paths, sizes, mtimes).
/// </summary>
public static class PartFingerprint
{
    private const int Window = 64 * 1024;

    public static string Compute(string path, PartKind kind)
    {
        using var part = new LocalPartFile(path);
        return Compute(part, kind);
    }

    /// <summary>The same fingerprint wherever the part lives (a part on Drive and its downloaded copy get one id): two reads of 64 KiB.</summary>
    public static string Compute(IPartStorage part, PartKind kind)
    {
        var path = part.Location;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(kind.ToString()));
        if (kind == PartKind.Folder)
        {
            var root = Path.GetFullPath(path);
            var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", options).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetRelativePath(root, file.FullName)}\0{file.Length}\0{file.LastWriteTimeUtc.Ticks}\n"));
            }
        }
        else
        {
            var length = part.Length;
            hash.AppendData(BitConverter.GetBytes(length));
            var buffer = new byte[(int)Math.Min(Window, length)];
            hash.AppendData(buffer.AsSpan(0, part.ReadAt(0, buffer)));
            hash.AppendData(buffer.AsSpan(0, part.ReadAt(Math.Max(0, length - buffer.Length), buffer)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
