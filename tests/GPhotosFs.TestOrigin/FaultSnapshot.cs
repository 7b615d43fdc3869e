namespace GPhotosFs.TestOrigin;

/// <summary>The shaping settings of <see cref="OriginFaults"/> as one request saw them when it arrived.</summary>
internal readonly record struct FaultSnapshot(TimeSpan Latency, long BandwidthBytesPerSecond, TimeSpan RetryAfter, TimeSpan StallDuration, double BodyFaultAt);
