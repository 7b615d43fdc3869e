using GPhotosFs.Originals;

namespace GPhotosFs.Google;

/// <summary>
/// Counts every baseUrl request against the "media" quota and keeps the budget told of what Google
/// answered: "quota used up" blocks only the media quota until its recheck time; any other answer
/// reopens it (ending a probe). A refusal carries the recheck time as its RetryAfter, so the
/// download engine fails reads fast exactly until then, not for a guessed cooldown of its own.
/// </summary>
public sealed class BudgetedOrigin(IOriginOpener inner, RequestBudget budget) : IOriginOpener
{
    public async Task<OriginResponse> OpenRangeAsync(OriginalKey key, long offset, long? length, CancellationToken cancellationToken)
    {
        try
        {
            budget.Take(RequestBudget.Media);
        }
        catch (GoogleQuotaException ex)
        {
            throw new OriginException(OriginFailureKind.QuotaExhausted, $"not downloading '{key.DisplayName}': {ex.Message}", Until(ex.RecheckAt), ex);
        }

        try
        {
            var response = await inner.OpenRangeAsync(key, offset, length, cancellationToken).ConfigureAwait(false);
            budget.Succeeded(RequestBudget.Media);
            return response;
        }
        catch (OriginException ex) when (ex.Kind == OriginFailureKind.QuotaExhausted && ex.InnerException is not GoogleQuotaException)
        {
            var recheck = budget.MarkExhausted(RequestBudget.Media, ex.Message, ex.RetryAfter);
            throw new OriginException(OriginFailureKind.QuotaExhausted, $"{ex.Message}; gphotosfs checks again at {recheck:yyyy-MM-dd HH:mm:ss} UTC", Until(recheck), ex);
        }
        catch (OriginException ex) when (ex.Kind is OriginFailureKind.Permanent or OriginFailureKind.Expired or OriginFailureKind.Throttled)
        {
            budget.Succeeded(RequestBudget.Media); // Google answered, and not with "quota used up"
            throw;
        }
        catch
        {
            budget.Release(RequestBudget.Media);
            throw;
        }
    }

    private static TimeSpan Until(DateTimeOffset? at)
    {
        var wait = (at ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow;
        return wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);
    }
}
