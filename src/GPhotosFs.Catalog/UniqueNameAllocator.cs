namespace GPhotosFs.Catalog;

/// <summary>
/// Hands out names that are unique within one folder under <see cref="NameSanitizer.ToCollisionKey"/>:
/// the sanitized name itself when free, else "name (2)", "name (3)", ... (the lowest free number).
/// </summary>
internal sealed class UniqueNameAllocator
{
    private readonly HashSet<string> _takenKeys;
    private readonly NameKind _kind;

    // Where the search for a free number resumes per base name. Every lower number was already
    // taken when passed, and names are never freed during an allocation run, so this only saves
    // work: a folder with 10,000 "image.jpg" stays linear instead of quadratic.
    private readonly Dictionary<string, int> _nextNumberByKey = new(StringComparer.Ordinal);

    public UniqueNameAllocator(IEnumerable<string> takenKeys, NameKind kind)
    {
        _takenKeys = new HashSet<string>(takenKeys, StringComparer.Ordinal);
        _kind = kind;
    }

    /// <summary>Reserves and returns a free name derived from <paramref name="sanitizedName"/>, with its key.</summary>
    public (string Name, string Key) Allocate(string sanitizedName)
    {
        string key = NameSanitizer.ToCollisionKey(sanitizedName);
        if (_takenKeys.Add(key))
        {
            return (sanitizedName, key);
        }

        int number = _nextNumberByKey.GetValueOrDefault(key, 2);
        while (true)
        {
            string candidate = NameSanitizer.AddCollisionSuffix(sanitizedName, number, _kind);
            string candidateKey = NameSanitizer.ToCollisionKey(candidate);
            number++;
            if (_takenKeys.Add(candidateKey))
            {
                _nextNumberByKey[key] = number;
                return (candidate, candidateKey);
            }
        }
    }
}
