using GPhotosFs.Library;

namespace GPhotosFs.IntegrationTests;

public sealed class SyncIntervalOptionTests
{
    [Fact]
    public void Sync_interval_is_taken_out_of_the_mount_options_and_the_rest_are_kept()
    {
        var (remaining, interval) = PeriodicSync.ExtractOption(["allow_other,sync_interval=600", "catalog_poll=5"]);
        Assert.Equal(TimeSpan.FromMinutes(10), interval);
        Assert.Equal(["allow_other", "catalog_poll=5"], remaining);
        Assert.Null(PeriodicSync.ExtractOption(["ro"]).Interval);
    }

    [Theory]
    [InlineData("sync_interval=5")]
    [InlineData("sync_interval=abc")]
    [InlineData("sync_interval=")]
    public void A_bad_sync_interval_is_refused_by_name(string option)
    {
        var error = Assert.Throws<ArgumentException>(() => PeriodicSync.ExtractOption([option]));
        Assert.Contains(option, error.Message);
    }
}
