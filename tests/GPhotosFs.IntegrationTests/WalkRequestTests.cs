using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GPhotosFs.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// What a first walk of a fresh mount costs in FUSE requests (issue 16: the first <c>find</c> and
/// <c>ls -lR</c> of a 1,000,000-item library within 1.5x of local disk). Each folder is listed in a
/// few replies filled up to the size the kernel asked for, and readdirplus hands out the attributes
/// with the entries, so <c>ls -lR</c> stats every file from the kernel's cache instead of sending
/// one LOOKUP per file. Counted by the daemon's own FUSE operation counters (/metrics), not timed.
/// </summary>
public sealed class WalkRequestTests(ITestOutputHelper output)
{
    private const int Extra = 3000;

    /// <summary>The kernel asks for at least a page per readdir request (128 KiB on Linux 6.16 and later, for find's and ls's getdents buffers).</summary>
    private const int SmallestRequest = 4096;

    [FuseFact]
    public void A_first_walk_lists_each_folder_in_a_few_full_replies_and_looks_up_no_file()
    {
        using var library = new DemoLibrary(["--extra", Extra.ToString(CultureInfo.InvariantCulture), "--one-folder"]);
        var port = FreePort();
        using var mount = new MountedLibrary(library.Folder, "-o", $"status_port={port},catalog_poll=0");

        var listing = Tools.Run("ls", "-lR", mount.Path).AssertSuccess("ls -lR").Stdout;
        Tools.Run("find", mount.Path).AssertSuccess("find");
        var metrics = Metrics(port);

        // The tree as walked (answered from the kernel's caches now): its folders and the bytes
        // their listings take as readdirplus entries, "." and ".." included.
        var folders = Directory.EnumerateDirectories(mount.Path, "*", SearchOption.AllDirectories).Prepend(mount.Path).ToList();
        var files = folders.Sum(f => Directory.EnumerateFileSystemEntries(f).Count(e => !Directory.Exists(e)));
        Assert.True(files >= Extra, $"the walk saw {files} files");
        Assert.Contains(".jpg", listing, StringComparison.Ordinal);

        // Replies filled to at least half of the smallest request, plus the empty reply that ends a
        // listing and one short last reply per folder. One entry per reply would be 3,000 requests.
        var allowed = folders.Sum(f => (ListingBytes(f) / (SmallestRequest / 2)) + 2);
        var listings = Count(metrics, "readdir") + Count(metrics, "readdirplus");
        Assert.True(listings <= allowed, $"{listings} readdir/readdirplus requests for {folders.Count} folders and {files} files (at most {allowed} when every reply is full)");

        // No round trip per file: lookups and getattrs only for the folders the walk descends into.
        var lookups = Count(metrics, "lookup");
        var getattrs = Count(metrics, "getattr");
        output.WriteLine($"{folders.Count} folders, {files} files: {listings} readdir/readdirplus requests (bound {allowed}), {lookups} lookups, {getattrs} getattrs");
        Assert.True(lookups <= folders.Count + 4, $"{lookups} lookups for {folders.Count} folders and {files} files: ls -lR looked files up one by one");
        Assert.True(getattrs <= folders.Count + 4, $"{getattrs} getattrs for {folders.Count} folders and {files} files: ls -lR asked for attributes one by one");
    }

    [FuseFact]
    public void A_find_of_a_fresh_mount_makes_kernel_inodes_of_only_the_first_few_entries_of_a_folder()
    {
        using var library = new DemoLibrary(["--extra", Extra.ToString(CultureInfo.InvariantCulture), "--one-folder"]);
        var port = FreePort();
        using var mount = new MountedLibrary(library.Folder, "-o", $"status_port={port},catalog_poll=0");
        var folder = mount["photos/2015/01"];

        // find lists names only. Then stat every file it listed by path, without listing again: an
        // entry find's walk brought in by readdirplus is a kernel inode already, any other costs a LOOKUP.
        var files = Tools.Run("find", folder, "-type", "f").AssertSuccess("find").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(files.Length >= Extra, $"find listed {files.Length} files");
        var before = Count(Metrics(port), "lookup");
        var listed = Path.Combine(library.Folder, "listed.txt");
        File.WriteAllLines(listed, files);
        Tools.Run("xargs", "-a", listed, "-d", "\n", "stat", "--format=%s").AssertSuccess("stat");
        var lookups = Count(Metrics(port), "lookup") - before;

        var inodesMadeByFind = files.Length - lookups;
        output.WriteLine($"{files.Length} files listed by find, {inodesMadeByFind} of them already kernel inodes (readdirplus), {lookups} looked up by stat");
        Assert.True(inodesMadeByFind <= 64, $"find's walk made kernel inodes of {inodesMadeByFind} of {files.Length} files it never stats (readdirplus entries)");
    }

    /// <summary>struct fuse_direntplus: fuse_entry_out (128 bytes) then fuse_dirent (24 bytes and the name, padded to 8).</summary>
    private static long ListingBytes(string folder) =>
        new[] { ".", ".." }.Concat(Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName))
            .Sum(name => 128L + ((24 + Encoding.UTF8.GetByteCount(name!) + 7) & ~7));

    private static double Count(Dictionary<string, double> metrics, string operation) =>
        metrics.GetValueOrDefault($"gphotosfs_fuse_operation_duration_seconds_count{{operation=\"{operation}\"}}");

    private static Dictionary<string, double> Metrics(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var text = http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")).GetAwaiter().GetResult();
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }

        Assert.Contains(samples.Keys, k => k.StartsWith("gphotosfs_fuse_operation_duration_seconds_count", StringComparison.Ordinal));
        return samples;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
