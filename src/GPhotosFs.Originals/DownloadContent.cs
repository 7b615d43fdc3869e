using GPhotosFs.Vfs.Content;

namespace GPhotosFs.Originals;

/// <summary>One open handle on an item being downloaded: reads wait only for their own bytes.</summary>
internal sealed class DownloadContent : IItemContent
{
    private readonly OriginalDownload _download;
    private int _disposed;

    public DownloadContent(OriginalDownload download)
    {
        _download = download;
        download.AddReader();
    }

    public long Length => _download.Length;

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await _download.ReadAsync(offset, buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OriginException ex)
        {
            throw new ContentUnavailableException(ex.Message, ex, reportedElsewhere: ex.Kind == OriginFailureKind.QuotaExhausted);
        }
    }

    public async ValueTask WhenReadableAsync(long offset, int length, CancellationToken cancellationToken)
    {
        try
        {
            await _download.WhenHeldAsync(offset, length, cancellationToken).ConfigureAwait(false);
        }
        catch (OriginException ex)
        {
            throw new ContentUnavailableException(ex.Message, ex, reportedElsewhere: ex.Kind == OriginFailureKind.QuotaExhausted);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _download.RemoveReader();
        }
    }
}
