using GPhotosFs.Catalog.History;
using GPhotosFs.Fuse;
using GPhotosFs.Originals;
using Prometheus;

namespace GPhotosFs.Cli.StatusPage;

/// <summary>
/// The Prometheus metrics at <c>/metrics</c>: the engine's and FUSE's counters and latency
/// histograms as they happen (through <see cref="EngineActivity"/>), and the library's state
/// (cache, quota, sources, run results) from <see cref="StatusPageData"/> read at scrape time.
/// A registry of its own, without prometheus-net's default process metrics.
/// </summary>
internal sealed class LibraryMetrics
{
    private readonly Func<StatusPageData> _data;
    private readonly Counter _downloads;
    private readonly Counter _bytes;
    private readonly Counter _errors;
    private readonly Counter _retries;
    private readonly Histogram _fuse;
    private readonly Gauge _cacheBytes;
    private readonly Gauge _cacheFiles;
    private readonly Gauge _pending;
    private readonly Gauge _libraryItems;
    private readonly Gauge _libraryBytes;
    private readonly Gauge _sourceItems;
    private readonly Gauge _sourceHealthy;
    private readonly Gauge _healthy;
    private readonly Gauge _quotaUsed;
    private readonly Gauge _quotaRemaining;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _runs;
    private readonly Gauge _lastRunItems;
    private readonly Gauge _lastRunDuration;
    private readonly Gauge _mounted;

    public LibraryMetrics(EngineActivity activity, Func<StatusPageData> data)
    {
        _data = data;
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        _downloads = f.CreateCounter("gphotosfs_downloads_total", "Originals downloaded, verified and moved into the cache by this process");
        _bytes = f.CreateCounter("gphotosfs_download_bytes_total", "Bytes of originals moved into the cache by this process");
        _errors = f.CreateCounter("gphotosfs_download_errors_total", "Downloads that failed, by kind (transient, throttled, quota_exhausted, expired, permanent, verification, io, other)", "kind");
        _retries = f.CreateCounter("gphotosfs_download_retries_total", "Origin requests retried, by the kind of failure", "kind");
        _fuse = f.CreateHistogram("gphotosfs_fuse_operation_duration_seconds", "Time to answer a FUSE request, by operation", new HistogramConfiguration
        {
            LabelNames = ["operation"],
            Buckets = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
        });
        _cacheBytes = f.CreateGauge("gphotosfs_cache_bytes", "Bytes of complete originals in the cache");
        _cacheFiles = f.CreateGauge("gphotosfs_cache_files", "Complete originals in the cache");
        _pending = f.CreateGauge("gphotosfs_cache_pending_downloads", "Downloads started and not finished");
        _libraryItems = f.CreateGauge("gphotosfs_library_items", "Items shown in the mount");
        _libraryBytes = f.CreateGauge("gphotosfs_library_bytes", "Sum of the known sizes of the items shown in the mount");
        _sourceItems = f.CreateGauge("gphotosfs_source_items", "Items of a source shown in the mount", "source");
        _sourceHealthy = f.CreateGauge("gphotosfs_source_healthy", "1 when the source is healthy, else 0; state says what is wrong", "source", "state");
        _healthy = f.CreateGauge("gphotosfs_healthy", "1 when `gphotosfs status` would exit 0");
        _quotaUsed = f.CreateGauge("gphotosfs_quota_used", "Requests used of a daily quota today", "source", "quota");
        _quotaRemaining = f.CreateGauge("gphotosfs_quota_remaining", "Requests left of a daily quota today", "source", "quota");
        _lastSuccess = f.CreateGauge("gphotosfs_last_sync_success_timestamp_seconds", "When the source last synced successfully (Unix time)", "source");
        _runs = f.CreateGauge("gphotosfs_runs", "Runs in the history of the last 90 days, by kind and result", "kind", "result");
        _lastRunItems = f.CreateGauge("gphotosfs_last_run_items_added", "Items the latest finished run of a kind added", "kind");
        _lastRunDuration = f.CreateGauge("gphotosfs_last_run_duration_seconds", "How long the latest finished run of a kind took", "kind");
        _mounted = f.CreateGauge("gphotosfs_mounted", "1 while a daemon serves the library");
        activity.Measured += OnMeasured;
        Registry.AddBeforeCollectCallback(Refresh);
    }

    public CollectorRegistry Registry { get; }

    private void OnMeasured(string instrument, double value, string? label)
    {
        switch (instrument)
        {
            case OriginalsMetrics.DownloadsName: _downloads.Inc(value); break;
            case OriginalsMetrics.BytesName: _bytes.Inc(value); break;
            case OriginalsMetrics.ErrorsName: _errors.WithLabels(label ?? "other").Inc(value); break;
            case OriginalsMetrics.RetriesName: _retries.WithLabels(label ?? "other").Inc(value); break;
            case FuseOperationMetrics.DurationName: _fuse.WithLabels(label ?? "other").Observe(value); break;
        }
    }

    private void Refresh()
    {
        var data = _data();
        var status = data.Status;
        _cacheBytes.Set(status.Cache.BytesCached);
        _cacheFiles.Set(status.Cache.FilesCached);
        _pending.Set(status.Cache.DownloadsPending);
        _libraryItems.Set(data.LibraryItems);
        _libraryBytes.Set(data.LibraryBytes);
        _healthy.Set(status.Healthy ? 1 : 0);
        _mounted.Set(status.Mount is null ? 0 : 1);
        foreach (var labels in _sourceHealthy.GetAllLabelValues().ToList())
        {
            _sourceHealthy.RemoveLabelled(labels);
        }

        foreach (var source in status.Sources)
        {
            _sourceItems.WithLabels(source.Name).Set(source.Items);
            _sourceHealthy.WithLabels(source.Name, source.State).Set(source.State == "ok" ? 1 : 0);
            if (source.LastSync?.LastSuccess is { } success)
            {
                _lastSuccess.WithLabels(source.Name).Set(success.ToUnixTimeMilliseconds() / 1000.0);
            }

            foreach (var (quota, usage) in source.Quotas)
            {
                _quotaUsed.WithLabels(source.Name, quota).Set(usage.Used);
                if (usage.Limit is { } limit)
                {
                    _quotaRemaining.WithLabels(source.Name, quota).Set(Math.Max(0, limit - usage.Used));
                }
            }
        }

        foreach (var group in data.Runs.GroupBy(r => (r.Kind, r.Result)))
        {
            _runs.WithLabels(group.Key.Kind, group.Key.Result).Set(group.Count());
        }

        foreach (var latest in data.Runs.Where(r => r.FinishedAt is not null && r.Result != RunResults.Running).GroupBy(r => r.Kind).Select(g => g.Last()))
        {
            _lastRunItems.WithLabels(latest.Kind).Set(latest.ItemsAdded);
            _lastRunDuration.WithLabels(latest.Kind).Set(latest.Duration?.TotalSeconds ?? 0);
        }
    }
}
