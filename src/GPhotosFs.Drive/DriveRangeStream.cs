using GPhotosFs.IO;

namespace GPhotosFs.Drive;

/// <summary>
/// [offset, offset + length) of a part on Drive as one ranged request, opened on the first read
/// and resumed from where it broke when the connection resets (a few times). Reads are truly
/// asynchronous when asked asynchronously (the download engine does).
/// </summary>
internal sealed class DriveRangeStream(DriveClient client, DrivePart part, long offset, long length) : ReadOnlyStream
{
    private const int MaxResumes = 5;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private long _position;
    private int _resumes;

    public override long Length => length;

    public override long Position => _position;

    public override int Read(Span<byte> buffer)
    {
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var n = ReadAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = (int)Math.Min(buffer.Length, length - _position);
        if (wanted <= 0) return 0;
        while (true)
        {
            try
            {
                if (_body is null)
                {
                    _response = await client.OpenAsync(part.FileId, offset + _position, length - _position, $"reading {part.Name} on Drive", cancellationToken).ConfigureAwait(false);
                    _body = await _response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                }

                var n = await _body.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
                if (n == 0) throw new IOException("the body ended early");
                _position += n;
                return n;
            }
            catch (DriveException ex)
            {
                throw part.Failure(ex);
            }
            catch (Google.GoogleAuthException ex)
            {
                throw new Takeout.Archives.RemotePartException($"{part.Name} on Google Drive: {ex.Message}", Originals.OriginFailureKind.Unauthorized, ex);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested && _resumes < MaxResumes)
            {
                _resumes++;
                CloseBody();
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new Takeout.Archives.RemotePartException($"{part.Name}: the connection to Drive broke {_resumes + 1} times while reading it; try again later", Originals.OriginFailureKind.Transient, ex);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) CloseBody();
        base.Dispose(disposing);
    }

    private void CloseBody()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }
}
