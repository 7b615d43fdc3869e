using System.Collections.Concurrent;
using GPhotosFs.Originals;
using GPhotosFs.Takeout.Archives;
using GPhotosFs.Takeout.Indexing;

namespace GPhotosFs.Takeout.Content;

/// <summary>
/// Hands the download engine the bytes of compressed members: deflated zip members inflated from
/// their data offset, tar members from a decompressing cursor (<see cref="TarGzipCursors"/>). Every
/// member passes through <see cref="CheckedMemberStream"/>, so a truncated, overlong (zip bomb) or
/// corrupt member fails instead of being cached as complete. Ranges not at 0 are reached by
/// decoding through the skipped bytes (compressed data has no random access).
/// </summary>
public sealed class TakeoutOriginOpener(TakeoutParts parts) : IOriginOpener, IDisposable
{
    private readonly ConcurrentDictionary<string, TarGzipCursors> _cursors = new(StringComparer.Ordinal);

    public Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        var locator = MemberLocator.TryParse(key.Locator)
            ?? throw new OriginException(OriginFailureKind.Permanent, $"'{key.DisplayName}' has no usable Takeout locator; run 'gphotosfs takeout add' again");
        var (part, problem) = parts.Find(locator, key.DisplayName);
        if (part is null)
        {
            throw new OriginException(OriginFailureKind.Permanent, problem!);
        }

        return Task.Run(() => Open(part, locator, key, offset, length), cancellationToken);
    }

    /// <summary>Decompressing passes started over each .tgz part, by part id (how often a read could not continue an earlier pass).</summary>
    public IReadOnlyDictionary<string, int> TarPassesStarted => _cursors.ToDictionary(p => p.Key, p => p.Value.PassesStarted);

    public void Dispose()
    {
        foreach (var cursors in _cursors.Values)
        {
            cursors.Dispose();
        }
    }

    private OriginResponse Open(TakeoutPartRecord part, MemberLocator locator, OriginalKey key, long offset, long? length)
    {
        var partName = Path.GetFileName(part.Path);
        Stream? member = null;
        IPartStorage? storage = null;
        try
        {
            long size;
            switch (locator.Method)
            {
                case MemberMethod.ZipDeflated:
                case MemberMethod.ZipStored:
                    size = locator.Size;
                    storage = parts.Open(part);
                    if (storage.ReadsInPlace)
                    {
                        member = PartReader.OpenZipMember(part.Path, locator.ToEntry());
                    }
                    else
                    {
                        // A remote part is checked against the indexed revision before its first read, and again when bytes fail their CRC.
                        var checkedPart = parts.CheckRevision(part, storage, key.DisplayName);
                        var remote = storage;
                        member = new ReplacedPartGuardStream(PartReader.OpenZipMember(storage, locator.ToEntry()),
                            () => parts.CheckRevision(checkedPart, remote, key.DisplayName, fresh: true));
                    }

                    break;
                case MemberMethod.TarGzip:
                    size = locator.Size;
                    var cursors = _cursors.GetOrAdd(part.Id, _ => new TarGzipCursors(part.Path));
                    member = new CheckedMemberStream(cursors.Open(locator.Position, size), size, locator.Crc32, $"{partName}: {locator.Path}");
                    break;
                default:
                    throw new OriginException(OriginFailureKind.Permanent, $"'{key.DisplayName}' is read in place, not through the cache");
            }

            var scratch = new byte[1 << 16];
            for (var skipped = 0L; skipped < offset;)
            {
                var n = member.Read(scratch.AsSpan(0, (int)Math.Min(scratch.Length, offset - skipped)));
                if (n == 0)
                {
                    throw new InvalidDataException($"'{locator.Path}' in {partName} ends before byte {offset}");
                }

                skipped += n;
            }

            Stream body = length is { } l ? new BoundedStream(member, l) : member;
            return new OriginResponse(body, offset, size, storage);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or TakeoutPartException or UnauthorizedAccessException or InvalidOperationException)
        {
            member?.Dispose();
            storage?.Dispose();
            // A remote part's failure keeps its kind (a rate limit or reset is worth retrying); a local one is for good.
            throw new OriginException(ex is RemotePartException remote ? remote.Kind : OriginFailureKind.Permanent,
                $"cannot read '{key.DisplayName}' from Takeout archive {partName}: {PartErrors.Words(ex)}", inner: ex);
        }
    }
}
