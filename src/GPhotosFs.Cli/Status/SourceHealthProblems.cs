using GPhotosFs.Catalog.Health;
using GPhotosFs.Cli.Commands;

namespace GPhotosFs.Cli.Status;

/// <summary>One problem a source's health record shows: the exit code it gives, its state word ("auth_broken") and the line naming it.</summary>
public sealed record SourceHealthProblem(int ExitCode, string State, string Text);

/// <summary>
/// The one reading of a source's health record as problems with exit codes: broken credentials (10),
/// a used-up quota (11), unreachable backing data or a changed web UI (12). <c>status</c> lists them
/// (with staleness, 13, which is not in the record), and <c>sync</c> exits with the code of the
/// failure it just caused, so a script sees the same number from both.
/// </summary>
public static class SourceHealthProblems
{
    /// <param name="label">How the source is named in the lines, e.g. "google-web:google-web".</param>
    /// <param name="now">A quota counts as used up when it stays blocked past this moment.</param>
    public static List<SourceHealthProblem> Of(string label, SourceHealth health, DateTimeOffset now)
    {
        var found = new List<SourceHealthProblem>();
        if (health.AuthState == SourceHealth.AuthBroken)
        {
            found.Add(new(ExitCodes.AuthBroken, "auth_broken", $"{label}: authorization is broken{(health.AuthMessage is { } m ? $": {m}" : "")}"));
        }

        if (health.QuotaExhaustedUntil is { } until && until > now)
        {
            found.Add(new(ExitCodes.QuotaExhausted, "quota_exhausted", $"{label}: quota exhausted until {until:u}{(health.QuotaMessage is { } m ? $" ({m})" : "")}"));
        }

        if (health.Unavailable is { } unavailable)
        {
            found.Add(new(ExitCodes.SourceUnavailable, "unavailable", $"{label}: unavailable: {unavailable}"));
        }

        return found;
    }
}
