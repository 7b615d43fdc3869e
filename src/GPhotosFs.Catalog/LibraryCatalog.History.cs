using GPhotosFs.Catalog.History;
using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// Run history: runs, library samples and quota days (schema step Version2RunHistory). None of it
/// is what the mount shows, so writing it never bumps data_version. Everything older than
/// <see cref="HistoryRetention"/> is dropped as new rows arrive.
/// </summary>
public sealed partial class LibraryCatalog
{
    /// <summary>How long runs and samples are kept.</summary>
    public static readonly TimeSpan HistoryRetention = TimeSpan.FromDays(366);

    /// <summary>Records that a run started; returns its id for <see cref="FinishRun"/>.</summary>
    public long StartRun(string kind, string? sourceName, int? pid = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        long now = NowMilliseconds();
        return Write(
            (connection, transaction) =>
            {
                PruneHistory(connection, transaction, now);
                using SqliteCommand insert = connection.CreateCommand(
                    "INSERT INTO runs (kind, source_name, started_at, result, pid) VALUES ($kind, $source, $now, $result, $pid) RETURNING id;",
                    transaction);
                insert.Parameters.AddWithValue("$kind", kind);
                AddValue(insert, "$source", sourceName);
                insert.Parameters.AddWithValue("$now", now);
                insert.Parameters.AddWithValue("$result", RunResults.Running);
                AddValue(insert, "$pid", pid);
                return (long)insert.ExecuteScalar()!;
            },
            countsAsDataChange: false);
    }

    /// <summary>Records how run <paramref name="runId"/> ended.</summary>
    public void FinishRun(long runId, RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        long now = NowMilliseconds();
        Write(
            (connection, transaction) =>
            {
                using SqliteCommand update = connection.CreateCommand(
                    """
                    UPDATE runs SET finished_at = $now, result = $result, items_added = $items, bytes_added = $bytes,
                                    errors = $errors, error = $error
                    WHERE id = $id;
                    """,
                    transaction);
                update.Parameters.AddWithValue("$now", now);
                update.Parameters.AddWithValue("$result", outcome.Succeeded ? RunResults.Ok : RunResults.Failed);
                update.Parameters.AddWithValue("$items", outcome.ItemsAdded);
                update.Parameters.AddWithValue("$bytes", outcome.BytesAdded);
                update.Parameters.AddWithValue("$errors", outcome.Errors);
                AddValue(update, "$error", outcome.Error);
                update.Parameters.AddWithValue("$id", runId);
                return update.ExecuteNonQuery();
            },
            countsAsDataChange: false);
    }

    /// <summary>Runs started at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<RunRecord> GetRuns(DateTimeOffset since) => Read(connection =>
    {
        using SqliteCommand query = connection.CreateCommand(
            """
            SELECT id, kind, source_name, started_at, finished_at, result, items_added, bytes_added, errors, error, pid
            FROM runs WHERE started_at >= $since ORDER BY started_at, id;
            """,
            null);
        query.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using SqliteDataReader reader = query.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetStringOrNull(2),
                UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(3)),
                UnixTime.FromMilliseconds(reader.GetInt64OrNull(4)),
                reader.GetString(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetStringOrNull(9),
                reader.GetInt32OrNull(10)));
        }

        return (IReadOnlyList<RunRecord>)runs;
    });

    /// <summary>Stores a sample of the library's and the cache's size (one per millisecond; a second one at the same instant replaces it).</summary>
    public void RecordSample(LibrarySample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        long now = NowMilliseconds();
        Write(
            (connection, transaction) =>
            {
                PruneHistory(connection, transaction, now);
                using SqliteCommand insert = connection.CreateCommand(
                    """
                    INSERT OR REPLACE INTO library_samples (at, library_items, library_bytes, cache_files, cache_bytes)
                    VALUES ($at, $items, $bytes, $files, $cache);
                    """,
                    transaction);
                insert.Parameters.AddWithValue("$at", sample.At.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$items", sample.LibraryItems);
                insert.Parameters.AddWithValue("$bytes", sample.LibraryBytes);
                insert.Parameters.AddWithValue("$files", sample.CacheFiles);
                insert.Parameters.AddWithValue("$cache", sample.CacheBytes);
                return insert.ExecuteNonQuery();
            },
            countsAsDataChange: false);
    }

    public IReadOnlyList<LibrarySample> GetSamples(DateTimeOffset since) => Read(connection =>
    {
        using SqliteCommand query = connection.CreateCommand(
            "SELECT at, library_items, library_bytes, cache_files, cache_bytes FROM library_samples WHERE at >= $since ORDER BY at;", null);
        query.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        using SqliteDataReader reader = query.ExecuteReader();
        var samples = new List<LibrarySample>();
        while (reader.Read())
        {
            samples.Add(new LibrarySample(UnixTime.FromMillisecondsOrEpoch(reader.GetInt64(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return (IReadOnlyList<LibrarySample>)samples;
    });

    /// <summary>Records quota use; a day keeps the highest count recorded for it.</summary>
    public void RecordQuotaDays(IReadOnlyList<QuotaDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return;
        }

        Write(
            (connection, transaction) =>
            {
                using SqliteCommand upsert = connection.CreateCommand(
                    """
                    INSERT INTO quota_days (day, source_name, quota, used, quota_limit) VALUES ($day, $source, $quota, $used, $limit)
                    ON CONFLICT (day, source_name, quota) DO UPDATE SET used = max(used, excluded.used), quota_limit = excluded.quota_limit;
                    """,
                    transaction);
                foreach (QuotaDay day in days)
                {
                    upsert.Parameters.Clear();
                    upsert.Parameters.AddWithValue("$day", day.Day);
                    upsert.Parameters.AddWithValue("$source", day.SourceName);
                    upsert.Parameters.AddWithValue("$quota", day.Quota);
                    upsert.Parameters.AddWithValue("$used", day.Used);
                    AddValue(upsert, "$limit", day.Limit);
                    upsert.ExecuteNonQuery();
                }

                return 0;
            },
            countsAsDataChange: false);
    }

    /// <summary>Quota days from <paramref name="sinceDay"/> (yyyy-MM-dd) on, oldest first.</summary>
    public IReadOnlyList<QuotaDay> GetQuotaDays(string sinceDay) => Read(connection =>
    {
        using SqliteCommand query = connection.CreateCommand(
            "SELECT day, source_name, quota, used, quota_limit FROM quota_days WHERE day >= $since ORDER BY day, source_name, quota;", null);
        query.Parameters.AddWithValue("$since", sinceDay);
        using SqliteDataReader reader = query.ExecuteReader();
        var days = new List<QuotaDay>();
        while (reader.Read())
        {
            days.Add(new QuotaDay(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64OrNull(4)));
        }

        return (IReadOnlyList<QuotaDay>)days;
    });

    /// <summary>Items shown in the mount (not trashed, with a path) per capture year; undated items under year 0.</summary>
    public IReadOnlyDictionary<int, long> CountItemsPerYear() => Read(connection =>
    {
        using SqliteCommand query = connection.CreateCommand(
            """
            SELECT coalesce(CAST(strftime('%Y', capture_time / 1000, 'unixepoch') AS INTEGER), 0), count(*)
            FROM items WHERE trashed = 0 AND name IS NOT NULL GROUP BY 1 ORDER BY 1;
            """,
            null);
        using SqliteDataReader reader = query.ExecuteReader();
        var years = new SortedDictionary<int, long>();
        while (reader.Read())
        {
            years[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return (IReadOnlyDictionary<int, long>)years;
    });

    /// <summary>Items shown in the mount and the sum of their known sizes.</summary>
    public (long Items, long Bytes) MeasureLibrary() => Read(connection =>
    {
        using SqliteCommand query = connection.CreateCommand(
            "SELECT count(*), coalesce(sum(size), 0) FROM items WHERE trashed = 0 AND name IS NOT NULL;", null);
        using SqliteDataReader reader = query.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    });

    private static void PruneHistory(SqliteConnection connection, SqliteTransaction transaction, long nowMilliseconds)
    {
        long cutoff = nowMilliseconds - (long)HistoryRetention.TotalMilliseconds;
        using SqliteCommand prune = connection.CreateCommand(
            "DELETE FROM runs WHERE started_at < $cutoff; DELETE FROM library_samples WHERE at < $cutoff; DELETE FROM quota_days WHERE day < $day;",
            transaction);
        prune.Parameters.AddWithValue("$cutoff", cutoff);
        prune.Parameters.AddWithValue("$day", DateTimeOffset.FromUnixTimeMilliseconds(cutoff).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        prune.ExecuteNonQuery();
    }
}
