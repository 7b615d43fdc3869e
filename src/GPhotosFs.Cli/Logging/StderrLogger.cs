using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Logging;

/// <summary>
/// Logs one line per event to stderr. Under systemd (JOURNAL_STREAM set) each line starts with a
/// &lt;N&gt; syslog priority so journald records the level and adds its own timestamp; elsewhere
/// lines carry an ISO timestamp and the level name.
/// </summary>
public sealed class StderrLogger(string category, LogLevel minimum) : ILogger
{
    private static readonly object Gate = new();
    private static readonly bool UnderJournald = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (exception is not null)
        {
            message += $" ({exception.GetType().Name}: {exception.Message})";
            if (minimum <= LogLevel.Debug)
            {
                message += Environment.NewLine + exception.StackTrace;
            }
        }

        var line = UnderJournald
            ? $"<{Priority(logLevel)}>{category}: {message}"
            : $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {Name(logLevel),-5} {category}: {message}";
        lock (Gate)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static int Priority(LogLevel level) => level switch
    {
        LogLevel.Critical => 2,
        LogLevel.Error => 3,
        LogLevel.Warning => 4,
        LogLevel.Information => 6,
        _ => 7,
    };

    private static string Name(LogLevel level) => level switch
    {
        LogLevel.Critical => "CRIT",
        LogLevel.Error => "ERROR",
        LogLevel.Warning => "WARN",
        LogLevel.Information => "INFO",
        LogLevel.Debug => "DEBUG",
        _ => "TRACE",
    };
}
