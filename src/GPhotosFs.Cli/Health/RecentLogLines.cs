using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Health;

/// <summary>
/// A logger that passes everything to <paramref name="inner"/> and also keeps the last
/// <paramref name="capacity"/> lines (of every level the inner logger shows, plus warnings and
/// errors always), for the body of a failure ping.
/// </summary>
public sealed class RecentLogLines(ILogger inner, int capacity = 30) : ILogger
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning || inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (inner.IsEnabled(logLevel))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }

        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})")}";
        Add(line);
    }

    /// <summary>Adds a line that was not logged (e.g. a command's closing summary).</summary>
    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }
}
