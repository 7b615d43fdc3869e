using GPhotosFs.Google;
using GPhotosFs.Sources;
using GPhotosFs.Takeout;
using GPhotosFs.Web;

namespace GPhotosFs.Library.Sources;

/// <summary>
/// The source kinds a library can hold, by name. A new kind (its own project implementing
/// <see cref="ISourceKind"/>, referenced by this one) plugs in with one line in <see cref="Default"/>;
/// the mount, prefetch, sync and status then serve it without another edit. Immutable: a test adds
/// its own kind with <see cref="With"/> without touching what other tests see.
/// </summary>
public sealed class SourceRegistry
{
    /// <summary>Every source kind this build serves.</summary>
    public static SourceRegistry Default { get; } = new SourceRegistry()
        .With(new LocalFolderSourceKind())
        .With(new HttpFolderSourceKind())
        .With(new TakeoutSourceKind())
        .With(new GoogleLibrarySourceKind())
        .With(new GooglePickerSourceKind())
        .With(new GPhotosFs.Drive.DriveSourceKind())
        .With(new WebSourceKind());

    private readonly IReadOnlyDictionary<string, ISourceKind> _byName;

    public SourceRegistry()
        : this(new Dictionary<string, ISourceKind>(StringComparer.Ordinal))
    {
    }

    private SourceRegistry(IReadOnlyDictionary<string, ISourceKind> byName) => _byName = byName;

    public IEnumerable<ISourceKind> Kinds => _byName.Values;

    /// <summary>This registry and <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentException">A kind of that name is registered already.</exception>
    public SourceRegistry With(ISourceKind kind)
    {
        if (_byName.ContainsKey(kind.Name))
        {
            throw new ArgumentException($"source kind '{kind.Name}' is registered twice", nameof(kind));
        }

        return new SourceRegistry(new Dictionary<string, ISourceKind>(_byName, StringComparer.Ordinal) { [kind.Name] = kind });
    }

    /// <summary>The kind of that name, or null when this build does not know it (its sources are not served).</summary>
    public ISourceKind? Find(string kindName) => _byName.GetValueOrDefault(kindName);
}
