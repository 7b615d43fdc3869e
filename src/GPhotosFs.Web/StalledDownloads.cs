using Microsoft.Playwright;

namespace GPhotosFs.Web;

/// <summary>
/// Waits for a started download to finish, bounded by progress rather than by total time: a large
/// video on a slow line may take as long as it needs while its bytes keep coming, but a download
/// whose bytes stop flowing for <paramref name="stallTimeout"/> is cancelled, so a connection the
/// server holds open without sending never stalls the sync. Chromium writes an in-progress download
/// of a Playwright context into the context's downloads folder as GUID.crdownload, each piece as it
/// arrives (seen with Debian's chromium: 141-byte pieces show at once); Playwright does not tell which
/// GUID is whose before it finishes, so progress is "some file there grew": growth of another tab's
/// download only delays the detection. Files this program made there (finished
/// downloads being filed, named gphotosfs-*) do not count.
/// </summary>
internal sealed class StalledDownloads(string folder, TimeSpan stallTimeout, TimeProvider time)
{
    public const string OwnPrefix = "gphotosfs-";

    /// <summary>How often the folder is looked at: often enough to notice a stall close to its timeout, rarely enough to cost nothing.</summary>
    private TimeSpan Poll => TimeSpan.FromTicks(Math.Clamp(stallTimeout.Ticks / 10, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));

    /// <summary>The download's failure (null when it finished).</summary>
    /// <exception cref="TimeoutException">No byte arrived for the stall timeout; the download was cancelled (the caller reloads, then restarts the browser).</exception>
    public async Task<string?> WaitAsync(IDownload download, CancellationToken cancellationToken)
    {
        var finished = download.FailureAsync();
        var sizes = Sizes();
        var lastGrowth = time.GetTimestamp();
        while (true)
        {
            using (var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var delay = Task.Delay(Poll, time, tick.Token);
                if (await Task.WhenAny(finished, delay).ConfigureAwait(false) == finished)
                {
                    await tick.CancelAsync().ConfigureAwait(false);
                    return await finished.ConfigureAwait(false);
                }

                await delay.ConfigureAwait(false); // throws when the sync is cancelled
            }

            var now = Sizes();
            if (now.Any(f => !sizes.TryGetValue(f.Key, out var before) || f.Value > before)) lastGrowth = time.GetTimestamp();
            sizes = now;
            if (time.GetElapsedTime(lastGrowth) < stallTimeout) continue;

            _ = finished.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await ForgetAsync(download).ConfigureAwait(false);
            throw new TimeoutException($"the download stalled: no byte arrived for {stallTimeout.TotalSeconds:0.#} s (step_timeout); it was cancelled");
        }
    }

    /// <summary>Cancels the download and deletes what it wrote, each bounded: a stuck browser is restarted next anyway.</summary>
    private async Task ForgetAsync(IDownload download)
    {
        try
        {
            await download.CancelAsync().WaitAsync(stallTimeout).ConfigureAwait(false);
            await download.DeleteAsync().WaitAsync(stallTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // the browser is restarted or the next visit goes on; its downloads folder holds only partial files
        }
    }

    private Dictionary<string, long> Sizes()
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
            {
                if (file.Name.StartsWith(OwnPrefix, StringComparison.Ordinal)) continue;
                try
                {
                    sizes[file.Name] = file.Length;
                }
                catch (FileNotFoundException)
                {
                    // renamed or deleted while listed
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // nothing written yet
        }

        return sizes;
    }
}
