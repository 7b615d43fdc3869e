using GPhotosFs.Catalog;
using GPhotosFs.Library.Tests.Contracts;
using GPhotosFs.Takeout.Indexing;
using GPhotosFs.Takeout.Samples;

namespace GPhotosFs.Library.Tests.Sources;

/// <summary>A "takeout" source over one export written in one format, indexed by the real indexer.</summary>
public abstract class TakeoutContentFixture(string format) : ContentFixture
{
    private IReadOnlyList<string> _parts = [];

    public override Task<IReadOnlyDictionary<string, byte[]>> CreateAsync()
    {
        var members = SampleTakeout.Bulk(5);
        // One bigger member, so a download spans several reads and chunks.
        var big = SampleOriginals.Create()[^1].Bytes;
        members.Add(new($"{SampleTakeout.Top}/Photos from 2015/big.bin", big));
        var exports = Scratch;
        _parts = format switch
        {
            "zip" => TakeoutExportWriter.WriteZip(exports, "takeout-20250101T000000Z", members, parts: 1, deflate: false),
            "zip-deflated" => TakeoutExportWriter.WriteZip(exports, "takeout-20250101T000000Z", members, parts: 1, deflate: true),
            "tgz" => TakeoutExportWriter.WriteTgz(exports, "takeout-20250101T000000Z", members, parts: 1),
            "folder" => [TakeoutExportWriter.WriteFolder(Path.Combine(exports, "takeout-20250101T000000Z"), members)],
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        var added = new TakeoutIndexer(Catalog).Add(_parts);
        Assert.True(Catalog.GetSources().Single().Kind == SourceKinds.Takeout, $"takeout add made no source: {added}");
        IReadOnlyDictionary<string, byte[]> originals = members
            .Where(m => !m.Path.EndsWith(".json", StringComparison.Ordinal))
            .GroupBy(m => Path.GetFileName(m.Path))
            .ToDictionary(g => g.Key, g => g.First().Bytes);
        return Task.FromResult(originals);
    }

    /// <summary>The whole export is gone (an archive deleted on the NAS).</summary>
    public override void MakeMissing(ItemRecord item)
    {
        foreach (var part in _parts)
        {
            if (Directory.Exists(part))
            {
                Directory.Delete(part, recursive: true);
            }
            else
            {
                File.Delete(part);
            }
        }
    }
}

public sealed class TakeoutZipFixture() : TakeoutContentFixture("zip");

public sealed class TakeoutDeflatedZipFixture() : TakeoutContentFixture("zip-deflated");

public sealed class TakeoutTgzFixture() : TakeoutContentFixture("tgz");

public sealed class TakeoutFolderFixture() : TakeoutContentFixture("folder");

public sealed class TakeoutZipContentTests : ContentSourceContract<TakeoutZipFixture>;

public sealed class TakeoutDeflatedZipContentTests : ContentSourceContract<TakeoutDeflatedZipFixture>;

public sealed class TakeoutTgzContentTests : ContentSourceContract<TakeoutTgzFixture>;

public sealed class TakeoutFolderContentTests : ContentSourceContract<TakeoutFolderFixture>;
