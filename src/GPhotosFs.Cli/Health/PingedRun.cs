using Microsoft.Extensions.Logging;

namespace GPhotosFs.Cli.Health;

/// <summary>
/// Wraps one run of unattended work (a sync, a prefetch) in health pings: start, then success or
/// failure with the run's last log lines. The start ping goes out beside the work, not before it;
/// at the end the pings get at most <see cref="FinalPingBudget"/> more, so a dead monitoring
/// endpoint delays the process exit by a bounded amount and never changes the work's exit code.
/// </summary>
public static class PingedRun
{
    public static readonly TimeSpan FinalPingBudget = TimeSpan.FromSeconds(30);

    /// <param name="pinger">Null when no URL is configured: the work just runs.</param>
    /// <param name="work">The work, given a logger that remembers its last lines; returns an exit code (0 = success).</param>
    public static async Task<int> RunAsync(HealthcheckPinger? pinger, ILogger logger, Func<RecentLogLines, Task<int>> work, TimeSpan? finalBudget = null)
    {
        var recent = new RecentLogLines(logger);
        if (pinger is null)
        {
            return await work(recent).ConfigureAwait(false);
        }

        var start = pinger.StartAsync();
        int code;
        try
        {
            code = await work(recent).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            recent.Add($"{ex.GetType().Name}: {ex.Message}");
            await Bounded(Task.WhenAll(start, pinger.FailAsync(recent.Lines)), finalBudget).ConfigureAwait(false);
            throw;
        }

        // The start ping is awaited first so the endpoint sees start before the outcome.
        using var budget = new CancellationTokenSource(finalBudget ?? FinalPingBudget);
        await Bounded(start, finalBudget).ConfigureAwait(false);
        var outcome = code == 0
            ? pinger.SuccessAsync(cancellationToken: budget.Token)
            : pinger.FailAsync([.. recent.Lines, $"exit code {code}"], budget.Token);
        await Bounded(outcome, finalBudget).ConfigureAwait(false);
        return code;
    }

    private static async Task Bounded(Task ping, TimeSpan? budget) =>
        await Task.WhenAny(ping, Task.Delay(budget ?? FinalPingBudget)).ConfigureAwait(false);
}
