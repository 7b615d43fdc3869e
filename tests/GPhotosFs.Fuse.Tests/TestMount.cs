namespace GPhotosFs.Fuse.Tests;

/// <summary>Mounts a filesystem on a fresh temporary folder and always unmounts it again.</summary>
internal sealed class TestMount : IDisposable
{
    private readonly DirectoryInfo _dir;

    public TestMount(IFuseFileSystem fileSystem, List<Exception>? callbackErrors = null)
    {
        _dir = Directory.CreateTempSubdirectory("gphotosfs-fuse-");
        var options = new FuseMountOptions { OnCallbackException = (_, ex) => { lock (callbackErrors ?? []) { callbackErrors?.Add(ex); } } };
        options.Options.AddRange(["ro", "default_permissions", "fsname=gphotosfs-test", "subtype=gphotosfs-test"]);
        Mount = FuseMount.Mount(_dir.FullName, fileSystem, options);
    }

    public FuseMount Mount { get; }
    public string Path => _dir.FullName;

    public static bool IsMounted(string path) =>
        File.ReadAllLines("/proc/self/mountinfo").Any(l => l.Split(' ')[4] == path);

    public void Dispose()
    {
        if (!Mount.Completion.IsCompleted)
        {
            Mount.Unmount(lazy: true);
            Mount.Completion.Wait(TimeSpan.FromSeconds(20));
        }

        _dir.Delete();
    }
}
