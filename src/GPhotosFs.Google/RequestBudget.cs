using GPhotosFs.Catalog.Health;

namespace GPhotosFs.Google;

/// <summary>
/// Counts requests against Google's two daily quotas — "api" (Library and Picker calls, 10,000 a
/// day) and "media" (baseUrl downloads, 75,000 a day) — per quota day (midnight to midnight
/// Pacific time, when Google resets them), persisted in the source's health record so every
/// process (sync, mount, pick) shares one budget and <c>status</c> can show it. Refuses requests
/// at the limit or while Google said a quota is exhausted, instead of spending them on 429s.
/// Limits can be raised for projects with more quota: GPHOTOSFS_GOOGLE_API_QUOTA, GPHOTOSFS_GOOGLE_MEDIA_QUOTA.
/// </summary>
public sealed class RequestBudget
{
    public const string Api = "api";
    public const string Media = "media";
    private const int FlushEvery = 200;

    private readonly SourceHealthStore _health;
    private readonly long _sourceId;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, long> _limits;
    private readonly Dictionary<string, long> _unflushed = new() { [Api] = 0, [Media] = 0 };
    private readonly object _lock = new();
    private Dictionary<string, QuotaUsage> _known;
    private DateTimeOffset? _exhaustedUntil;
    private int _sinceFlush;

    public RequestBudget(SourceHealthStore health, long sourceId, TimeProvider? time = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        _health = health;
        _sourceId = sourceId;
        _time = time ?? TimeProvider.System;
        _limits = new Dictionary<string, long>
        {
            [Api] = long.TryParse(environment("GPHOTOSFS_GOOGLE_API_QUOTA"), out var api) && api > 0 ? api : 10_000,
            [Media] = long.TryParse(environment("GPHOTOSFS_GOOGLE_MEDIA_QUOTA"), out var media) && media > 0 ? media : 75_000,
        };
        var stored = health.Read(sourceId);
        _known = stored.Quotas.ToDictionary(p => p.Key, p => p.Value);
        _exhaustedUntil = stored.QuotaExhaustedUntil;
    }

    /// <summary>Requests counted in this process and not yet written, plus what the store held at start.</summary>
    public long Used(string quota)
    {
        lock (_lock)
        {
            var day = QuotaDay(_time.GetUtcNow());
            var stored = _known.TryGetValue(quota, out var usage) && usage.Day == day ? usage.Used : 0;
            return stored + _unflushed[quota];
        }
    }

    /// <summary>Counts one request, or refuses it when the day's quota is spent.</summary>
    /// <exception cref="GoogleQuotaException">The quota is used up until <see cref="ExhaustedUntil"/>.</exception>
    public void Take(string quota)
    {
        bool flush;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_exhaustedUntil is { } until && until > now)
            {
                throw new GoogleQuotaException(quota, $"Google's daily request quota is used up until {until:yyyy-MM-dd HH:mm} UTC");
            }

            if (Used(quota) >= _limits[quota])
            {
                throw new GoogleQuotaException(quota, $"gphotosfs has used its budget of {_limits[quota]:N0} {quota} requests for today (Google's daily quota); it continues after {NextReset(now):yyyy-MM-dd HH:mm} UTC");
            }

            _unflushed[quota]++;
            flush = ++_sinceFlush >= FlushEvery;
        }

        if (flush)
        {
            Flush();
        }
    }

    public DateTimeOffset? ExhaustedUntil => _exhaustedUntil;

    /// <summary>Google answered 429 "per day": stop asking until its quota day ends.</summary>
    public void MarkExhausted(string quota, string message)
    {
        var until = NextReset(_time.GetUtcNow());
        lock (_lock)
        {
            _exhaustedUntil = until;
        }

        Flush();
        _health.Update(_sourceId, h => h with { QuotaExhaustedUntil = until, QuotaMessage = $"{quota} quota: {message}" });
    }

    /// <summary>Adds this process's counts to the stored ones (other processes add theirs under the same lock).</summary>
    public void Flush()
    {
        Dictionary<string, long> counts;
        lock (_lock)
        {
            counts = new Dictionary<string, long>(_unflushed);
            foreach (var key in _unflushed.Keys.ToList()) _unflushed[key] = 0;
            _sinceFlush = 0;
        }

        var day = QuotaDay(_time.GetUtcNow());
        var updated = _health.Update(_sourceId, health =>
        {
            var quotas = health.Quotas.ToDictionary(p => p.Key, p => p.Value);
            foreach (var (quota, count) in counts)
            {
                var used = quotas.TryGetValue(quota, out var usage) && usage.Day == day ? usage.Used : 0;
                quotas[quota] = new QuotaUsage(day, used + count, _limits[quota]);
            }

            var stillExhausted = health.QuotaExhaustedUntil > _time.GetUtcNow();
            return health with
            {
                Quotas = quotas,
                QuotaExhaustedUntil = stillExhausted ? health.QuotaExhaustedUntil : null,
                QuotaMessage = stillExhausted ? health.QuotaMessage : null,
            };
        });
        lock (_lock)
        {
            _known = updated.Quotas.ToDictionary(p => p.Key, p => p.Value);
            _exhaustedUntil = updated.QuotaExhaustedUntil;
        }
    }

    /// <summary>The quota day (Pacific time) of <paramref name="instant"/>, as yyyy-MM-dd.</summary>
    public static string QuotaDay(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Pacific).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset NextReset(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Pacific);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, Pacific.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static readonly TimeZoneInfo Pacific = FindPacific();

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("PST", TimeSpan.FromHours(-8), "PST", "PST"); // no tzdata: an hour off in summer at worst
        }
    }
}
