using GPhotosFs.Originals;

namespace GPhotosFs.Google;

/// <summary>
/// Counts every baseUrl request against the "media" quota and records Google's "quota exhausted"
/// in the shared budget, so downloads stop before they hammer a spent quota and status shows it.
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
            throw new OriginException(OriginFailureKind.QuotaExhausted, $"not downloading '{key.DisplayName}': {ex.Message}", inner: ex);
        }

        try
        {
            return await inner.OpenRangeAsync(key, offset, length, cancellationToken).ConfigureAwait(false);
        }
        catch (OriginException ex) when (ex.Kind == OriginFailureKind.QuotaExhausted && ex.InnerException is not GoogleQuotaException)
        {
            budget.MarkExhausted(RequestBudget.Media, ex.Message);
            throw;
        }
    }
}
