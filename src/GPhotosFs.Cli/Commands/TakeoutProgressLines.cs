using System.Diagnostics;
using GPhotosFs.Takeout.Indexing;

namespace GPhotosFs.Cli.Commands;

/// <summary>
/// How `takeout add` and `drive add` show their progress: plain lines on standard error (this runs
/// unattended too), every stage once, repeats of a "read ..." stage at most every second.
/// </summary>
internal static class TakeoutProgressLines
{
    public static IProgress<TakeoutProgress> ToStandardError()
    {
        var lastShown = Stopwatch.StartNew();
        var lastStage = "";
        return new SynchronousProgress<TakeoutProgress>(p =>
        {
            if (p.Stage != lastStage && (lastShown.ElapsedMilliseconds >= 1000 || !p.Stage.StartsWith("read ", StringComparison.Ordinal) || p.Done == p.Total))
            {
                Console.Error.WriteLine(p.Total > 0 ? $"[{p.Done}/{p.Total}] {p.Stage}" : p.Stage);
                lastShown.Restart();
            }

            lastStage = p.Stage;
        });
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
