using GPhotosFs.IO;

namespace GPhotosFs.IO.Tests;

public sealed class ReadOnlyStreamTests
{
    [Fact]
    public async Task A_subclass_that_only_reads_is_a_complete_forward_only_stream()
    {
        using var stream = new Countdown(5);

        Assert.True(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(1));
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
        Assert.Throws<NotSupportedException>(() => stream.WriteByte(1));
        stream.Flush();

        var array = new byte[2];
        Assert.Equal(2, stream.Read(array, 0, 2));
        Assert.Equal(new byte[] { 5, 4 }, array);
        Assert.Equal(2, await stream.ReadAsync(array.AsMemory()));
        Assert.Equal(new byte[] { 3, 2 }, array);
        Assert.Equal(1, await stream.ReadAsync(array, 0, 2, CancellationToken.None));
        Assert.Equal(-1, stream.ReadByte());
    }

    /// <summary>Hands out n, n-1, ... 1, one byte at a time.</summary>
    private sealed class Countdown(byte from) : ReadOnlyStream
    {
        private byte _next = from;

        public override int Read(Span<byte> buffer)
        {
            var n = 0;
            while (n < buffer.Length && _next > 0)
            {
                buffer[n++] = _next--;
            }

            return n;
        }
    }
}
