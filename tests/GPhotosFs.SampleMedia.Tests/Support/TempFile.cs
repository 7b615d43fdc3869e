namespace GPhotosFs.SampleMedia.Tests.Support;

/// <summary>A file in the temp directory that is deleted when disposed; external tools need real paths.</summary>
internal sealed class TempFile : IDisposable
{
    public string Path { get; }

    public TempFile(byte[] contents, string extension)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gphotosfs-sample-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(Path, contents);
    }

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { }
    }
}
