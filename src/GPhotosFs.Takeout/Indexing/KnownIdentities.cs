using System.Globalization;

namespace GPhotosFs.Takeout.Indexing;

/// <summary>
/// The identities a Takeout source's catalog already holds, by size: what decides whether an
/// extracted folder's file must be hashed to be told apart from (or joined with) an item seen
/// before, and which items identified by name and size ("f:") can be re-keyed by content once a
/// content identity of their size turns up.
/// </summary>
public sealed class KnownIdentities
{
    private readonly Dictionary<long, List<(string Id, string BaseName, string? Locator)>> _bySize = [];

    public KnownIdentities(IEnumerable<(string SourceItemId, string FileName, string? Locator)> items)
    {
        foreach (var (id, fileName, locator) in items)
        {
            if (SizeOf(id) is { } size)
            {
                if (!_bySize.TryGetValue(size, out var list))
                {
                    _bySize[size] = list = [];
                }

                list.Add((id, ExportReader.BaseName(fileName), locator));
            }
        }
    }

    /// <summary>A folder file of this size and name cannot be identified by name: an item of its size is known by content, or by another name.</summary>
    public bool MustHash(long size, string baseName) =>
        _bySize.TryGetValue(size, out var known) && known.Any(k => k.Id.StartsWith("c:", StringComparison.Ordinal) || k.BaseName != baseName);

    /// <summary>Items of this size identified by name and size only, with their locators.</summary>
    public IEnumerable<(string Id, string? Locator)> NameIdentified(long size) =>
        _bySize.TryGetValue(size, out var known) ? known.Where(k => k.Id.StartsWith("f:", StringComparison.Ordinal)).Select(k => (k.Id, k.Locator)) : [];

    /// <summary>"c:CRC:SIZE" and "f:SIZE:NAME" → SIZE.</summary>
    public static long? SizeOf(string identity)
    {
        var fields = identity.Split(':', 3);
        var size = fields.Length == 3 ? fields[0] == "c" ? fields[2] : fields[0] == "f" ? fields[1] : null : null;
        return size is not null && long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
