using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Health;
using GPhotosFs.Originals;
using GPhotosFs.Vfs.Content;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Library;

/// <summary>
/// Runs the download read path once before the daemon says it is ready, so that the first read of a
/// fresh mount does not pay for loading and compiling it. Measured (bench/startup.sh, bench/README.md):
/// a fresh daemon spent 100-170 ms of CPU between "mounted" and its first byte, about a third in the
/// JIT and most of the rest in the runtime loading types, ReadyToRun fixups and the HTTP stack's
/// first connection, all of it code a read runs every time afterwards.
/// </summary>
/// <remarks>
/// The warm-up is the real thing on a synthetic item: a <see cref="CachedOriginals"/> built as
/// <see cref="GPhotosFs.Sources.DownloadCaches"/> builds one (resilience, availability reporting, a
/// health record), in a temporary folder, reading through <see cref="HttpOrigin"/> with the library's
/// own <see cref="HttpClient"/> from a one-shot HTTP server on 127.0.0.1 inside this process. No
/// source is contacted, nothing is written to the library, and nothing is logged unless it fails.
/// It gives up after <see cref="Timeout"/>: a slow warm-up must not hold the mount back.
/// </remarks>
internal static class ReadPathWarmup
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Bytes of the synthetic original; only the first chunk is ever sent.</summary>
    private const long BlobLength = 64L << 20;

    private const int SentBytes = 256 * 1024;

    private const int ReadBytes = 128 * 1024;

    /// <summary>Runs the warm-up; returns how long it took, or null when it failed (logged at debug level: the daemon works without it).</summary>
    /// <param name="tempParent">Where its temporary folder goes; null: the system's temp folder.</param>
    /// <param name="buffers">The budget the engine's buffers come from (the library's: the warm-up fills its pool); null: one of its own.</param>
    public static TimeSpan? Run(HttpClient http, OriginalsOptions options, ILogger logger, string? tempParent = null, BufferBudget? buffers = null)
    {
        var watch = Stopwatch.StartNew();
        var folder = tempParent is null
            ? Directory.CreateTempSubdirectory("gphotosfs-warmup-")
            : Directory.CreateDirectory(Path.Combine(tempParent, "gphotosfs-warmup-" + Path.GetRandomFileName()));
        try
        {
            using var deadline = new CancellationTokenSource(Timeout);
            RunAsync(http, options, folder.FullName, buffers, deadline.Token).GetAwaiter().GetResult();
            return watch.Elapsed;
        }
        catch (Exception ex)
        {
            LibraryLog.WarmupFailed(logger, ex.Message);
            return null;
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // In the system's temp folder: it is cleaned up eventually.
            }
        }
    }

    private static async Task RunAsync(HttpClient http, OriginalsOptions options, string folder, BufferBudget? buffers, CancellationToken cancellationToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        using var stopServing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serving = ServeOnceAsync(listener, stopServing.Token);

        var state = Path.Combine(folder, "state");
        Directory.CreateDirectory(state);
        // A health record like a real source's, so the first answer's check of it runs too.
        var health = new SourceHealthStore(state);
        health.Update(1, h => h with { Unavailable = SourceAvailability.Prefix + " (warm-up)" });
        var engineOptions = options with { RequireReadableMedia = false, PrefetchConcurrency = 1 };
        var origin = new HttpOrigin(http, new HttpFolderUrls(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/")));
        var item = new ItemRecord { SourceId = 1, SourceItemId = "warmup", Locator = "warmup.bin", FileName = "warmup.bin", Size = BlobLength };
        try
        {
            using (var cache = new CachedOriginals(Path.Combine(folder, "cache"), Path.Combine(folder, "partial"), origin, new OriginResilience(engineOptions), engineOptions,
                       NullLogger.Instance, facts: null, new CacheHealthStore(state), new SourceAvailability(health, 1, NullLogger.Instance), buffers))
            {
                using var content = await cache.OpenAsync(item, cancellationToken).ConfigureAwait(false);
                var buffer = new byte[ReadBytes];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await content.ReadAsync(read, buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new IOException("the warm-up read ended early");
                    }

                    read += n;
                }
            }
        }
        finally
        {
            await stopServing.CancelAsync().ConfigureAwait(false);
            try
            {
                await serving.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Answers one Range request with the head of a <see cref="BlobLength"/>-byte original, then holds the connection until told to stop.</summary>
    private static async Task ServeOnceAsync(Socket listener, CancellationToken cancellationToken)
    {
        using var connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
        var request = new byte[8192];
        var received = 0;
        while (received < request.Length && request.AsSpan(0, received).IndexOf("\r\n\r\n"u8) < 0)
        {
            var n = await connection.ReceiveAsync(request.AsMemory(received), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return;
            }

            received += n;
        }

        var headers = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 206 Partial Content\r\nContent-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\nContent-Range: bytes 0-{BlobLength - 1}/{BlobLength}\r\nContent-Length: {BlobLength}\r\n\r\n"));
        await connection.SendAsync(headers, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(new byte[SentBytes], cancellationToken).ConfigureAwait(false);
        // The download waits for more; the warm-up's end (disposing the engine) closes the connection.
        while (await connection.ReceiveAsync(request, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }
}
