namespace GPhotosFs.TestOrigin;

/// <summary>Start-up settings of a <see cref="TestOriginServer"/>; what may change while it runs lives in <see cref="OriginFaults"/>.</summary>
public sealed record OriginOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one, so parallel tests never collide.</summary>
    public int Port { get; init; }

    /// <summary>
    /// How long a URL from <see cref="TestOriginServer.UrlFor"/> stays valid. Null: URLs never expire by time
    /// (they are still signed, so <see cref="OriginFaults.ExpireAllUrlsNow"/> can invalidate them).
    /// </summary>
    public TimeSpan? UrlLifetime { get; init; }

    /// <summary>Status answered for an expired or badly signed URL: 403 (what Google answers), 404 or 410.</summary>
    public int ExpiredUrlStatus { get; init; } = 403;

    /// <summary>Clock for URL expiry only, so tests can expire URLs without sleeping.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Clock for latency, bandwidth and stalls: real time by default (they shape real traffic); a test
    /// of the shaping itself gives a virtual clock, so what it measures is what the origin waited.
    /// </summary>
    public TimeProvider ShapingTime { get; init; } = TimeProvider.System;

    /// <summary>Seed of the random source behind fault decisions, so a run with the same requests in the same order sees the same faults.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Also serve every blob, unsigned, at <c>/files/{id}</c>. Off by default so a test cannot reach a blob
    /// around the URL expiry by accident; the standalone server turns it on for curl and bench scripts.
    /// </summary>
    public bool ServeUnsignedFiles { get; init; }

    /// <summary>
    /// Also answer <c>GET /files/{folder}/</c> (trailing slash) for a folder of a served directory tree with an
    /// HTML page linking its entries, as a plain web server's index does, so an HTTP client that walks listings
    /// (rclone's http backend) can browse the same files, with the same latency and counters. Off by default.
    /// </summary>
    public bool ServeListings { get; init; }

    /// <summary>How many recent requests <see cref="OriginCounters.Log"/> keeps; older ones drop off so a long benchmark does not grow without bound.</summary>
    public int RequestLogCapacity { get; init; } = 100_000;

    internal void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "must be 0..65535");
        if (ExpiredUrlStatus is not (403 or 404 or 410)) throw new ArgumentOutOfRangeException(nameof(ExpiredUrlStatus), ExpiredUrlStatus, "must be 403, 404 or 410");
        if (UrlLifetime is { } lifetime && lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(UrlLifetime), lifetime, "must be positive");
        if (RequestLogCapacity < 0) throw new ArgumentOutOfRangeException(nameof(RequestLogCapacity), RequestLogCapacity, "must not be negative");
    }
}
