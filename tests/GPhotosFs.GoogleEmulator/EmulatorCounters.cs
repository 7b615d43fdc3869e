using System.Collections.Concurrent;

namespace GPhotosFs.GoogleEmulator;

/// <summary>Requests the emulator answered, per endpoint ("mediaItems.list", "download", "token"…), and the day's quota use.</summary>
public sealed class EmulatorCounters
{
    private readonly ConcurrentDictionary<string, long> _byEndpoint = new();
    private long _api;
    private long _media;

    public long this[string endpoint] => _byEndpoint.GetValueOrDefault(endpoint);

    /// <summary>Library and Picker API requests counted against the daily API quota.</summary>
    public long ApiRequests => Interlocked.Read(ref _api);

    /// <summary>baseUrl requests counted against the daily media quota.</summary>
    public long MediaRequests => Interlocked.Read(ref _media);

    public long Total => _byEndpoint.Values.Sum();

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_byEndpoint);

    /// <summary>Starts a new quota day and zeroes every counter.</summary>
    public void Reset()
    {
        _byEndpoint.Clear();
        Interlocked.Exchange(ref _api, 0);
        Interlocked.Exchange(ref _media, 0);
        Interlocked.Exchange(ref _driveMediaBytes, 0);
    }

    /// <summary>A new quota day: the daily API and media counts restart (the per-endpoint counts stay).</summary>
    public void ResetQuotaDay()
    {
        Interlocked.Exchange(ref _api, 0);
        Interlocked.Exchange(ref _media, 0);
    }

    internal void Count(string endpoint) => _byEndpoint.AddOrUpdate(endpoint, 1, (_, n) => n + 1);

    internal long CountApi() => Interlocked.Increment(ref _api);

    internal long CountMedia() => Interlocked.Increment(ref _media);

    private long _driveMediaBytes;

    /// <summary>Bytes of Drive file content (alt=media) sent, whole or partial bodies.</summary>
    public long DriveMediaBytes => Interlocked.Read(ref _driveMediaBytes);

    /// <summary>Drive API requests of every kind (files.list, files.get, media).</summary>
    public long DriveRequests => this["drive.files.list"] + this["drive.files.get"] + this["drive.media"];

    internal void CountDriveBytes(long bytes) => Interlocked.Add(ref _driveMediaBytes, bytes);
}
