using System.Diagnostics.Metrics;

namespace GPhotosFs.Originals;

/// <summary>
/// The download engine's measurements as .NET metrics (meter <see cref="MeterName"/>), so whoever
/// listens (the status page's Prometheus endpoint, dotnet-counters) sees downloads, bytes, failures
/// by kind and retries without the engine knowing about any of them. Nothing is recorded while no
/// one listens. Failures carry the item's display name as the tag "item" for listeners that show
/// recent errors; exporters must drop it (one series per item would be unbounded).
/// </summary>
public static class OriginalsMetrics
{
    public const string MeterName = "GPhotosFs.Originals";

    public const string DownloadsName = "gphotosfs.downloads";
    public const string BytesName = "gphotosfs.download.bytes";
    public const string ErrorsName = "gphotosfs.download.errors";
    public const string RetriesName = "gphotosfs.download.retries";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Downloads = Meter.CreateCounter<long>(DownloadsName, description: "Originals downloaded, verified and moved into the cache");
    private static readonly Counter<long> Bytes = Meter.CreateCounter<long>(BytesName, unit: "By", description: "Bytes of the originals moved into the cache");
    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(ErrorsName, description: "Downloads that failed, by kind");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesName, description: "Origin requests retried, by the kind of failure");

    /// <summary>An original was committed to the cache.</summary>
    public static void Committed(long length)
    {
        Downloads.Add(1);
        Bytes.Add(length);
    }

    /// <summary>A download failed for good (after its retries); <paramref name="item"/> names it, <paramref name="reason"/> says why.</summary>
    public static void Failed(Exception failure, string item, string reason)
    {
        if (Errors.Enabled)
        {
            Errors.Add(1, new KeyValuePair<string, object?>("kind", KindOf(failure)), new("item", item), new("reason", reason));
        }
    }

    /// <summary>The original failed verification after its download.</summary>
    public static void FailedVerification(string item, string reason)
    {
        if (Errors.Enabled)
        {
            Errors.Add(1, new KeyValuePair<string, object?>("kind", "verification"), new("item", item), new("reason", reason));
        }
    }

    public static void Retried(Exception? failure) => Retries.Add(1, new KeyValuePair<string, object?>("kind", KindOf(failure)));

    /// <summary>The failure kind as a metric label: the origin's classification, else io or other.</summary>
    public static string KindOf(Exception? failure) => failure switch
    {
        OriginException origin => origin.Kind switch
        {
            OriginFailureKind.Transient => "transient",
            OriginFailureKind.Throttled => "throttled",
            OriginFailureKind.QuotaExhausted => "quota_exhausted",
            OriginFailureKind.Expired => "expired",
            _ => "permanent",
        },
        IOException => "io",
        TimeoutException => "timeout",
        _ => "other",
    };
}
