using GPhotosFs.Cli.StatusPage;

namespace GPhotosFs.IntegrationTests;

/// <summary>What the status page may show of a message: no token, no URL beyond its host, no path outside the library.</summary>
public sealed class PageScrubberTests
{
    private readonly PageScrubber _scrubber = new("/var/lib/gphotosfs/photos");

    [Fact]
    public void A_signed_download_url_keeps_only_its_host()
    {
        var scrubbed = _scrubber.Scrub("Download of 'photos/2019/07/a.jpg' failed: GET https://lh3.googleusercontent.com/pw/AP1GczN=d?sig=SECRETSIG&token=ya29.a0AfB_secret answered 403");

        Assert.Equal("Download of 'photos/2019/07/a.jpg' failed: GET https://lh3.googleusercontent.com/… answered 403", scrubbed);
    }

    [Fact]
    public void Tokens_are_redacted()
    {
        var scrubbed = _scrubber.Scrub("refresh failed: Authorization: Bearer ya29.A0ARrdaM-secret and \"refresh_token\": \"1//0secret\"");

        Assert.DoesNotContain("secret", scrubbed, StringComparison.Ordinal);
        Assert.Contains("[redacted]", scrubbed);
    }

    [Fact]
    public void A_path_outside_the_library_keeps_only_its_name_one_inside_is_shown_relative()
    {
        Assert.Equal(
            "Takeout archive takeout-001.zip is missing from …/takeout; cached at cache/photos/2019/07/a.jpg",
            _scrubber.Scrub("Takeout archive takeout-001.zip is missing from /srv/exports/takeout; cached at /var/lib/gphotosfs/photos/cache/photos/2019/07/a.jpg"));
        Assert.Equal("'…/client_secret.json' is unreadable", _scrubber.Scrub("'/root/.config/gphotosfs/photos/client_secret.json' is unreadable"));
    }

    [Fact]
    public void Paths_in_the_mount_and_plain_text_are_left_alone()
    {
        const string Message = "photos/2019/07/IMG_0001.jpg: expected 4,096 bytes, got 1,024 (HTTP 200, 50%/s)";
        Assert.Equal(Message, _scrubber.Scrub(Message));
    }
}
