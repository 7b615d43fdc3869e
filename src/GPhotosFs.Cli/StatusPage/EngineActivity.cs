using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GPhotosFs.Fuse;
using GPhotosFs.Originals;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>A download that failed in this process: which item, why, when.</summary>
internal sealed record RecentFailure(DateTimeOffset At, string Item, string Kind, string Reason);

/// <summary>
/// Listens to this process's download engine and FUSE measurements (.NET meters
/// <see cref="OriginalsMetrics.MeterName"/> and <see cref="FuseOperationMetrics.MeterName"/>): keeps
/// totals for the mount's run history and the recent failures for the status page, and hands each
/// measurement to <see cref="Measured"/> (the Prometheus exporter). FUSE timings are only switched
/// on when <c>timeFuse</c> is set (someone will look at them).
/// </summary>
internal sealed class EngineActivity : IDisposable
{
    public const int MaxRecentFailures = 50;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecentFailure> _failures = new();
    private readonly TimeProvider _time;
    private long _downloads;
    private long _bytes;
    private long _errors;

    public EngineActivity(bool timeFuse, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OriginalsMetrics.MeterName || (timeFuse && instrument.Meter.Name == FuseOperationMetrics.MeterName))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => OnMeasurement(instrument.Name, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => OnMeasurement(instrument.Name, value, tags));
        _listener.Start();
    }

    /// <summary>Every measurement: instrument name, value, and its tags other than "item" and "reason".</summary>
    public event Action<string, double, string?>? Measured;

    public long Downloads => Interlocked.Read(ref _downloads);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Most recent first.</summary>
    public IReadOnlyList<RecentFailure> RecentFailures => _failures.Reverse().ToList();

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? label = null, item = null, reason = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "item": item = tag.Value as string; break;
                case "reason": reason = tag.Value as string; break;
                default: label = tag.Value as string; break; // kind or operation: the one label each instrument has
            }
        }

        switch (instrument)
        {
            case OriginalsMetrics.DownloadsName:
                Interlocked.Add(ref _downloads, (long)value);
                break;
            case OriginalsMetrics.BytesName:
                Interlocked.Add(ref _bytes, (long)value);
                break;
            case OriginalsMetrics.ErrorsName:
                Interlocked.Add(ref _errors, (long)value);
                _failures.Enqueue(new RecentFailure(_time.GetUtcNow(), item ?? "(unknown item)", label ?? "other", reason ?? ""));
                while (_failures.Count > MaxRecentFailures && _failures.TryDequeue(out _))
                {
                }

                break;
        }

        Measured?.Invoke(instrument, value, label);
    }
}
