using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GPhotosFs.Fuse;

/// <summary>
/// How long each FUSE operation takes to answer, as a .NET histogram (meter <see cref="MeterName"/>,
/// tag "operation"): a read from the request until its reply (which may come from another thread
/// once a download delivers), the others around the filesystem's call. Recorded only while a
/// listener (the status page's Prometheus endpoint) is attached.
/// </summary>
public static class FuseOperationMetrics
{
    public const string MeterName = "GPhotosFs.Fuse";
    public const string DurationName = "gphotosfs.fuse.operation.duration";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(DurationName, unit: "s", description: "Time to answer a FUSE request");

    public static bool Enabled => Duration.Enabled;

    /// <summary>Records an operation that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static void Record(string operation, long startTimestamp)
    {
        if (Duration.Enabled)
        {
            Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
        }
    }
}
