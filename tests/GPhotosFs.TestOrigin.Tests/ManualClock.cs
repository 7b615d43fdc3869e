namespace GPhotosFs.TestOrigin.Tests;

/// <summary>A clock tests move by hand, so URL expiry is tested without sleeping.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
