namespace GPhotosFs.Fuse;

/// <summary>How to mount: libfuse/kernel mount options and loop settings.</summary>
public sealed class FuseMountOptions
{
    /// <summary>Options passed as <c>-o a,b,c</c> to libfuse (e.g. <c>ro</c>, <c>fsname=…</c>, <c>allow_other</c>).</summary>
    public List<string> Options { get; } = [];

    /// <summary>Most libfuse worker threads. Reads answered asynchronously do not hold one.</summary>
    public int MaxThreads { get; set; } = 16;

    /// <summary>One /dev/fuse clone per worker thread, which spreads requests over threads without a shared queue lock.</summary>
    public bool CloneFd { get; set; }

    /// <summary>libfuse's own request trace on stderr.</summary>
    public bool Debug { get; set; }

    /// <summary>Called when a filesystem method throws; the request is answered with EIO.</summary>
    public Action<string, Exception>? OnCallbackException { get; set; }
}
