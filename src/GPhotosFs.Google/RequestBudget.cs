using GPhotosFs.Catalog.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GPhotosFs.Google;

/// <summary>
/// Counts requests against Google's two daily quotas — "api" (Library and Picker calls, 10,000 a
/// day) and "media" (baseUrl downloads, 75,000 a day) — per quota day (midnight to midnight
/// Pacific time), persisted in the source's health record so every process (sync, mount, pick)
/// shares one budget and <c>status</c> can show it.
/// <para>
/// When Google answers that a quota is used up, only that quota stops: its requests fail at once,
/// without asking Google, until a recheck time — Google's Retry-After when it sent one, else a
/// bounded wait (<see cref="RecheckInterval"/>, 15 minutes by default; Google's own reset time is
/// not knowable from outside). Then exactly one request goes out as a probe; if it gets through the
/// quota is open again for everyone, if not the next recheck is set. The recheck time lives in the
/// health record, so the mount, its log and <c>status</c> show the same one, and a remount does not
/// move it. Each change of state (used up, open again) is logged once.
/// </para>
/// Limits can be raised for projects with more quota: GPHOTOSFS_GOOGLE_API_QUOTA,
/// GPHOTOSFS_GOOGLE_MEDIA_QUOTA; GPHOTOSFS_GOOGLE_QUOTA_RECHECK sets the recheck wait in seconds.
/// </summary>
public sealed class RequestBudget
{
    public const string Api = "api";
    public const string Media = "media";
    private const int FlushEvery = 200;

    private readonly SourceHealthStore _health;
    private readonly long _sourceId;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, long> _limits;
    private readonly Dictionary<string, long> _unflushed = new() { [Api] = 0, [Media] = 0 };
    private readonly HashSet<string> _probing = [];
    private readonly object _lock = new();
    private Dictionary<string, QuotaUsage> _known;
    private Dictionary<string, QuotaBlock> _blocks;
    private int _sinceFlush;

    public RequestBudget(SourceHealthStore health, long sourceId, TimeProvider? time = null, Func<string, string?>? environment = null, ILogger? logger = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        _health = health;
        _sourceId = sourceId;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _limits = new Dictionary<string, long>
        {
            [Api] = long.TryParse(environment("GPHOTOSFS_GOOGLE_API_QUOTA"), out var api) && api > 0 ? api : 10_000,
            [Media] = long.TryParse(environment("GPHOTOSFS_GOOGLE_MEDIA_QUOTA"), out var media) && media > 0 ? media : 75_000,
        };
        if (double.TryParse(environment("GPHOTOSFS_GOOGLE_QUOTA_RECHECK"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            RecheckInterval = TimeSpan.FromSeconds(seconds);
        }

        var stored = health.Read(sourceId);
        _known = stored.Quotas.ToDictionary(p => p.Key, p => p.Value);
        _blocks = stored.QuotaBlocks.ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>How long a used-up quota waits before one request checks it again, when Google gave no Retry-After.</summary>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromMinutes(15);

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

    /// <summary>When <paramref name="quota"/> is next checked, while Google has it used up; null when it is open.</summary>
    public DateTimeOffset? RecheckAt(string quota)
    {
        lock (_lock)
        {
            return _blocks.TryGetValue(quota, out var block) ? block.RecheckAt : null;
        }
    }

    /// <summary>
    /// Counts one request, or refuses it while its quota is used up. After the recheck time the
    /// first caller gets through as the probe (and must end with <see cref="Succeeded"/>,
    /// <see cref="MarkExhausted"/> or <see cref="Release"/>); the others are refused until it answers.
    /// </summary>
    /// <exception cref="GoogleQuotaException">The quota is used up; <see cref="GoogleQuotaException.RecheckAt"/> says until when.</exception>
    public void Take(string quota)
    {
        bool flush;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_blocks.TryGetValue(quota, out var block))
            {
                if (block.RecheckAt > now)
                {
                    throw new GoogleQuotaException(quota, $"Google's daily {Describe(quota)} quota is used up; gphotosfs checks again at {block.RecheckAt:yyyy-MM-dd HH:mm:ss} UTC", block.RecheckAt);
                }

                if (!_probing.Add(quota))
                {
                    throw new GoogleQuotaException(quota, $"Google's daily {Describe(quota)} quota was used up; gphotosfs is checking now whether it has reset", now + TimeSpan.FromSeconds(2));
                }
            }

            if (Used(quota) >= _limits[quota])
            {
                var reset = NextReset(now);
                throw new GoogleQuotaException(quota, $"gphotosfs has used its budget of {_limits[quota]:N0} {quota} requests for today (Google's daily quota); it continues after {reset:yyyy-MM-dd HH:mm} UTC", reset);
            }

            _unflushed[quota]++;
            flush = ++_sinceFlush >= FlushEvery;
        }

        if (flush)
        {
            Flush();
        }
    }

    /// <summary>The earliest recheck of any used-up quota (what <c>status</c> shows); null when all are open.</summary>
    public DateTimeOffset? ExhaustedUntil
    {
        get
        {
            lock (_lock)
            {
                return _blocks.Count == 0 ? null : _blocks.Values.Min(b => b.RecheckAt);
            }
        }
    }

    /// <summary>A request of <paramref name="quota"/> got an answer other than "quota used up": a probe reopens the quota.</summary>
    public void Succeeded(string quota)
    {
        QuotaBlock? cleared;
        lock (_lock)
        {
            _probing.Remove(quota);
            if (!_blocks.Remove(quota, out cleared)) return;
        }

        Store(health => health.QuotaBlocks.ContainsKey(quota) ? Without(health, quota) : health);
        GoogleLog.QuotaOpen(_logger, Describe(quota));
    }

    /// <summary>A request taken with <see cref="Take"/> ended without telling anything about the quota (a network error): another may probe.</summary>
    public void Release(string quota)
    {
        lock (_lock)
        {
            _probing.Remove(quota);
        }
    }

    /// <summary>Google answered 429 "per day" for <paramref name="quota"/>: refuse its requests until the recheck time; returns that time.</summary>
    /// <param name="retryAfter">Google's Retry-After, when the answer had one; else <see cref="RecheckInterval"/>.</param>
    public DateTimeOffset MarkExhausted(string quota, string message, TimeSpan? retryAfter = null)
    {
        var now = _time.GetUtcNow();
        var recheck = now + (retryAfter is { } wait && wait > TimeSpan.Zero ? wait : RecheckInterval);
        bool wasBlocked;
        lock (_lock)
        {
            wasBlocked = _blocks.ContainsKey(quota);
            if (_blocks.TryGetValue(quota, out var existing) && existing.RecheckAt > recheck && !_probing.Contains(quota))
            {
                recheck = existing.RecheckAt; // many answers of one burst: keep the one recheck
            }

            _blocks[quota] = new QuotaBlock(recheck, $"{Describe(quota)} quota: {message}");
            _probing.Remove(quota);
        }

        var block = new QuotaBlock(recheck, $"{Describe(quota)} quota: {message}");
        Store(health => Summarize(health with { QuotaBlocks = new Dictionary<string, QuotaBlock>(health.QuotaBlocks) { [quota] = block } }));
        if (wasBlocked)
        {
            GoogleLog.QuotaStillUsedUp(_logger, Describe(quota), recheck);
        }
        else
        {
            GoogleLog.QuotaUsedUp(_logger, Describe(quota), message, recheck);
        }

        return recheck;
    }

    /// <summary>Adds this process's counts to the stored ones (other processes add theirs under the same lock) and adopts the stored quota state.</summary>
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
        var updated = Store(health =>
        {
            var quotas = health.Quotas.ToDictionary(p => p.Key, p => p.Value);
            foreach (var (quota, count) in counts)
            {
                var used = quotas.TryGetValue(quota, out var usage) && usage.Day == day ? usage.Used : 0;
                quotas[quota] = new QuotaUsage(day, used + count, _limits[quota]);
            }

            return health with { Quotas = quotas };
        });
        lock (_lock)
        {
            _known = updated.Quotas.ToDictionary(p => p.Key, p => p.Value);
            // The record is the one truth: another process may have found a quota used up, or open again.
            foreach (var quota in _blocks.Keys.Where(q => !updated.QuotaBlocks.ContainsKey(q) && !_probing.Contains(q)).ToList()) _blocks.Remove(quota);
            foreach (var (quota, block) in updated.QuotaBlocks)
            {
                if (!_probing.Contains(quota)) _blocks[quota] = block;
            }
        }
    }

    /// <summary>The quota day (Pacific time) of <paramref name="instant"/>, as yyyy-MM-dd.</summary>
    public static string QuotaDay(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Pacific).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private SourceHealth Store(Func<SourceHealth, SourceHealth> change) => _health.Update(_sourceId, change);

    private static SourceHealth Without(SourceHealth health, string quota)
    {
        var blocks = health.QuotaBlocks.Where(p => p.Key != quota).ToDictionary(p => p.Key, p => p.Value);
        return Summarize(health with { QuotaBlocks = blocks });
    }

    /// <summary>The one-line summary <c>status</c> reads: the earliest recheck, and which quotas are used up.</summary>
    private static SourceHealth Summarize(SourceHealth health) => health.QuotaBlocks.Count == 0
        ? health with { QuotaExhaustedUntil = null, QuotaMessage = null }
        : health with
        {
            QuotaExhaustedUntil = health.QuotaBlocks.Values.Min(b => b.RecheckAt),
            QuotaMessage = string.Join("; ", health.QuotaBlocks.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value.Message} (checked again at {p.Value.RecheckAt:yyyy-MM-dd HH:mm:ss} UTC)")),
        };

    private static string Describe(string quota) => quota == Media ? "media (download)" : "API request";

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
