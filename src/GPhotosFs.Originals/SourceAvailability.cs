using GPhotosFs.Catalog.Health;
using Microsoft.Extensions.Logging;

namespace GPhotosFs.Originals;

/// <summary>
/// Tells the source's health record (read by <c>status</c>, exit 12) whether the source can be
/// connected to at all, as downloads find out: set when a connection is refused or has no route,
/// cleared by the next answer. The record is written only when the state changes.
/// </summary>
public sealed class SourceAvailability(SourceHealthStore store, long sourceId, ILogger logger)
{
    /// <summary>How the health record's Unavailable text starts when this class set it (so it clears only its own).</summary>
    public const string Prefix = "cannot connect to the source";

    private int _state; // 0 unknown, 1 reachable, 2 unreachable

    public void Unreachable(string reason)
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        OriginalsLog.SourceUnreachable(logger, reason);
        Write(h => h with { Unavailable = $"{Prefix} ({reason}); reads of uncached files fail until it answers again" });
        try
        {
            store.RecordError(sourceId, reason);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the log has it
        }
    }

    public void Answered()
    {
        var previous = Interlocked.Exchange(ref _state, 1);
        if (previous == 1)
        {
            return;
        }

        if (previous == 2)
        {
            OriginalsLog.SourceReachable(logger);
        }

        // Also at the first answer after a start: a record left by an earlier run is stale.
        if (store.Read(sourceId).Unavailable?.StartsWith(Prefix, StringComparison.Ordinal) == true)
        {
            Write(h => h.Unavailable?.StartsWith(Prefix, StringComparison.Ordinal) == true ? h with { Unavailable = null } : h);
        }
    }

    private void Write(Func<SourceHealth, SourceHealth> change)
    {
        try
        {
            store.Update(sourceId, change);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only or full state folder: the log has it.
        }
    }
}

/// <summary>Reports to <see cref="SourceAvailability"/> what each request to the origin found.</summary>
internal sealed class AvailabilityReportingOrigin(IOriginOpener inner, SourceAvailability availability) : IOriginOpener
{
    public async Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        try
        {
            var response = await inner.OpenRangeAsync(key, offset, length, cancellationToken).ConfigureAwait(false);
            availability.Answered();
            return response;
        }
        catch (OriginException ex) when (ex.Kind == OriginFailureKind.Unreachable)
        {
            availability.Unreachable(ex.Message);
            throw;
        }
        catch (OriginException ex) when (ex.Kind is OriginFailureKind.Expired or OriginFailureKind.Permanent or OriginFailureKind.Throttled or OriginFailureKind.QuotaExhausted)
        {
            availability.Answered(); // it answered, if not with the bytes
            throw;
        }
    }
}
