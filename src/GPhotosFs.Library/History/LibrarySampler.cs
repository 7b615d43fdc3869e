using System.Globalization;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Catalog.History;

namespace GPhotosFs.Library.History;

/// <summary>
/// Records the library's size, its cache's size and each source's quota use into the history, so
/// the status page can draw them over time. Taken when a run ends and hourly by a mount.
/// </summary>
internal static class LibrarySampler
{
    public static LibrarySample Record(LibraryCatalog catalog, LibraryLocation library, TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var cache = CacheMeasure.Read(library, out _);
        var (items, bytes) = catalog.MeasureLibrary();
        var sample = new LibrarySample(now, items, bytes, cache.FilesCached, cache.BytesCached);
        catalog.RecordSample(sample);

        var health = new SourceHealthStore(library.StateFolder);
        var days = new List<QuotaDay>();
        foreach (var source in catalog.GetSources())
        {
            foreach (var (quota, usage) in health.Read(source.Id).Quotas)
            {
                days.Add(new QuotaDay(usage.Day, source.Name, quota, usage.Used, usage.Limit));
            }
        }

        catalog.RecordQuotaDays(days);
        return sample;
    }

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
