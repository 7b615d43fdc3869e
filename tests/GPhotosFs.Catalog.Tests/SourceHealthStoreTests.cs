using GPhotosFs.Catalog.Health;
using Xunit;

namespace GPhotosFs.Catalog.Tests;

public sealed class SourceHealthStoreTests
{
    [Fact]
    public void Update_then_read_round_trips_and_keeps_files_private()
    {
        using var temp = new TempDirectory();
        var store = new SourceHealthStore(Path.Combine(temp.Path, "state"));
        store.Update(7, h => h with
        {
            AuthState = SourceHealth.AuthBroken,
            AuthMessage = "run gphotosfs auth again",
            Quotas = new Dictionary<string, QuotaUsage> { ["api"] = new("2026-11-22", 12, 10000) },
        });

        var read = store.Read(7);
        Assert.Equal(SourceHealth.AuthBroken, read.AuthState);
        Assert.Equal(12, read.Quotas["api"].Used);
        Assert.NotNull(read.UpdatedAt);
        var mode = File.GetUnixFileMode(Path.Combine(temp.Path, "state", "source-7.json"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(temp.Path, "state")));
    }

    [Fact]
    public void Recent_errors_are_most_recent_first_and_capped()
    {
        using var temp = new TempDirectory();
        var store = new SourceHealthStore(temp.Path);
        for (var i = 0; i < SourceHealthStore.MaxRecentErrors + 5; i++)
        {
            store.RecordError(1, $"error {i}");
        }

        var errors = store.Read(1).RecentErrors;
        Assert.Equal(SourceHealthStore.MaxRecentErrors, errors.Count);
        Assert.Equal($"error {SourceHealthStore.MaxRecentErrors + 4}", errors[0].Message);
    }

    [Fact]
    public void Missing_or_damaged_file_reads_as_empty()
    {
        using var temp = new TempDirectory();
        var store = new SourceHealthStore(temp.Path);
        Assert.Null(store.Read(3).AuthState);
        File.WriteAllText(Path.Combine(temp.Path, "source-3.json"), "{ not json");
        Assert.Empty(store.Read(3).RecentErrors);
    }

    [Fact]
    public async Task Concurrent_updates_lose_nothing()
    {
        using var temp = new TempDirectory();
        var store = new SourceHealthStore(temp.Path);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                store.RecordError(2, $"t{t} e{i}");
            }
        })));

        Assert.Equal(20, store.Read(2).RecentErrors.Count);
    }
}
