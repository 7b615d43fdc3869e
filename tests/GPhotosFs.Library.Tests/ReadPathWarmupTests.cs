using GPhotosFs.Originals;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Library.Tests;

/// <summary>The warm-up before READY=1 (ReadPathWarmup): it really reads through the engine and HTTP, and leaves nothing behind.</summary>
public sealed class ReadPathWarmupTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("gphotosfs-warmup-test-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void The_warm_up_reads_through_the_engine_and_removes_its_temporary_folder()
    {
        using var http = new HttpClient();

        var took = ReadPathWarmup.Run(http, new OriginalsOptions(), NullLogger.Instance, _temp.FullName);

        // Null would mean it failed (and only logged it): the first read would then pay for everything.
        Assert.NotNull(took);
        Assert.Empty(_temp.EnumerateFileSystemInfos());
    }

    [Fact]
    public void A_disposed_http_client_makes_it_fail_quietly_and_still_clean_up()
    {
        var http = new HttpClient();
        http.Dispose();

        var took = ReadPathWarmup.Run(http, new OriginalsOptions(), NullLogger.Instance, _temp.FullName);

        Assert.Null(took);
        Assert.Empty(_temp.EnumerateFileSystemInfos());
    }
}
