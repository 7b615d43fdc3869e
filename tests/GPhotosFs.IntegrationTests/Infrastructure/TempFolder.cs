namespace GPhotosFs.IntegrationTests.Infrastructure;

/// <summary>A fresh folder under /tmp, removed with what is in it (never through a live mount).</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gphotosfs-");

    public string Path => _dir.FullName;

    public void Dispose()
    {
        if (Tools.IsMounted(Path))
        {
            Tools.Run("fusermount3", "-uz", Path);
        }

        _dir.Delete(recursive: true);
    }
}
