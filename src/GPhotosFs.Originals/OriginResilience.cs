using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GPhotosFs.Originals;

/// <summary>
/// The retry policy around every origin request, built with Polly: jittered
/// exponential backoff on transient failures (never in lockstep with other downloads); at least
/// <see cref="OriginalsOptions.ThrottleFloor"/> and the server's Retry-After on 429; an immediate
/// retry after an expired URL. Running out of the daily quota isolates a circuit, so every read fails
/// fast with a clear reason instead of hanging, until the cooldown ends.
/// </summary>
public sealed class OriginResilience
{
    private readonly CircuitBreakerManualControl _quotaCircuit = new();
    private readonly OriginalsOptions _options;
    private readonly TimeProvider _time;
    // UTC ticks, read and written with Volatile: many downloads fail and ask at once, and a
    // DateTimeOffset is too wide to be read whole without a lock.
    private long _quotaResetsAtTicks;

    public OriginResilience(OriginalsOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Only the manual control opens it: quota exhaustion is known for certain from one answer.
                ShouldHandle = _ => PredicateResult.False(),
                ManualControl = _quotaCircuit,
            })
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    OriginException { Kind: OriginFailureKind.Unreachable } => args.AttemptNumber < options.UnreachableRetries,
                    OriginException { Kind: not (OriginFailureKind.Permanent or OriginFailureKind.QuotaExhausted or OriginFailureKind.Unauthorized) } => true,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    OriginException { Kind: OriginFailureKind.Throttled } t => (TimeSpan?)Max(t.RetryAfter ?? TimeSpan.Zero, options.ThrottleFloor),
                    OriginException { Kind: OriginFailureKind.Expired } => TimeSpan.Zero,
                    _ => null, // the exponential backoff with jitter
                }),
                OnRetry = args =>
                {
                    OriginalsMetrics.Retried(args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>The clock every delay of the engine uses (tests pass their own).</summary>
    public TimeProvider Time => _time;

    /// <summary>Set while the daily quota is exhausted: when downloads may start again.</summary>
    public DateTimeOffset? QuotaExhaustedUntil => _time.GetUtcNow() < QuotaResetsAt ? QuotaResetsAt : null;

    private DateTimeOffset QuotaResetsAt => new(Volatile.Read(ref _quotaResetsAtTicks), TimeSpan.Zero);

    /// <summary>Runs one origin request under the policy; translates an open quota circuit into a clear <see cref="OriginException"/>.</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await Pipeline.ExecuteAsync(async ct => await action(ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (IsolatedCircuitException ex)
        {
            throw new OriginException(OriginFailureKind.QuotaExhausted, $"the source's daily download quota is used up; downloads resume after {QuotaResetsAt:yyyy-MM-dd HH:mm} UTC", inner: ex);
        }
        catch (OriginException ex) when (ex.Kind == OriginFailureKind.QuotaExhausted)
        {
            await OpenQuotaCircuitAsync(ex.RetryAfter).ConfigureAwait(false);
            throw;
        }
    }

    /// <param name="retryAfter">When the source knows when to ask again (Retry-After, or a Google budget's shared recheck time); else the cooldown.</param>
    private async Task OpenQuotaCircuitAsync(TimeSpan? retryAfter)
    {
        var resetsAt = _time.GetUtcNow().ToUniversalTime() + (retryAfter ?? _options.QuotaCooldown);
        Volatile.Write(ref _quotaResetsAtTicks, resetsAt.UtcTicks);
        await _quotaCircuit.IsolateAsync().ConfigureAwait(false);
        _ = CloseAfterCooldownAsync(resetsAt);
    }

    private async Task CloseAfterCooldownAsync(DateTimeOffset at)
    {
        var wait = at - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time).ConfigureAwait(false);
        }

        // A later exhaustion moved the reset further out: that one's timer closes the circuit.
        if (Volatile.Read(ref _quotaResetsAtTicks) == at.UtcTicks)
        {
            await _quotaCircuit.CloseAsync().ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
