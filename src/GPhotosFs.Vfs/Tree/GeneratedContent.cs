namespace GPhotosFs.Vfs.Tree;

/// <summary>
/// Bytes rendered on demand and reused for <paramref name="maxAge"/>: a reader that stats the file
/// and then reads it within that window sees one rendering, so the size in stat matches the bytes.
/// (The mount also opens such files with direct I/O and pins the rendering per open, so a read is
/// always whole even when a newer rendering has a different size.)
/// </summary>
public sealed class GeneratedContent(Func<byte[]> render, TimeSpan maxAge, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private (byte[] Bytes, DateTimeOffset At)? _current;

    /// <summary>The current rendering, rendered again when older than the window. A rendering that throws gives a one-line error text rather than failing the filesystem call.</summary>
    public (byte[] Bytes, DateTimeOffset At) Current
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                if (_current is { } c && now - c.At < maxAge)
                {
                    return c;
                }

                byte[] bytes;
                try
                {
                    bytes = render();
                }
                catch (Exception ex)
                {
                    bytes = System.Text.Encoding.UTF8.GetBytes($"{{\"error\": {System.Text.Json.JsonSerializer.Serialize($"{ex.GetType().Name}: {ex.Message}")}}}\n");
                }

                _current = (bytes, now);
                return _current.Value;
            }
        }
    }
}

/// <summary>A generated file to show as <c>.gphotosfs/&lt;Name&gt;</c>.</summary>
public sealed record ControlFile(string Name, GeneratedContent Content);
