using GPhotosFs.Catalog;
using GPhotosFs.Catalog.Sync;

namespace GPhotosFs.Library.Tests.Contracts;

/// <summary>A library whose one source has a sync; what a sync contract test runs against.</summary>
public abstract class SyncFixture : LibraryFixture
{
    /// <summary>Creates the source and what its origin holds (the first sync is the test's).</summary>
    public abstract Task CreateAsync();

    /// <summary>Makes the origin refuse the next sync (an archive gone, a server error…).</summary>
    public virtual void BreakOrigin() => throw new NotSupportedException($"{GetType().Name} cannot fail");

    /// <summary>Deletes one item at the origin; returns its source item id.</summary>
    public virtual string DeleteAtOrigin() => throw new NotSupportedException($"{GetType().Name} never loses items");

    /// <summary>Runs the source's sync as <c>gphotosfs sync</c> does: through the registry.</summary>
    public async Task<SyncOutcome> SyncAsync(bool full)
    {
        using var syncs = OpenSyncs();
        var (source, sync) = Assert.Single(syncs.For(Catalog.GetSources()));
        return await sync.SyncAsync(source, new SyncRequest(full), CancellationToken.None);
    }
}

/// <summary>What every library sync must do, whatever its kind.</summary>
public abstract class SyncContract<TFixture> : IAsyncLifetime
    where TFixture : SyncFixture, new()
{
    protected TFixture Fixture { get; } = new();

    public Task InitializeAsync() => Fixture.CreateAsync();

    public async Task DisposeAsync() => await Fixture.DisposeAsync();

    [Fact]
    public async Task A_sync_with_no_change_writes_nothing()
    {
        var first = await Fixture.SyncAsync(full: true);
        Assert.True(first.Succeeded, first.Error);
        var version = Fixture.Catalog.GetDataVersion();
        var items = Fixture.Items();

        foreach (var full in new[] { false, true })
        {
            var again = await Fixture.SyncAsync(full);
            Assert.True(again.Succeeded, again.Error);
            Assert.Equal(0, again.ItemsAdded);
            Assert.Equal(0, again.ItemsMissing);
            Assert.Equal(version, Fixture.Catalog.GetDataVersion()); // the mounted tree is left alone
        }

        Assert.Equal(items, Fixture.Items());
        Assert.Equal(SyncState.ResultOk, Fixture.Catalog.GetSyncState(Fixture.Source.Id)!.LastResult);
    }
}

/// <summary>A sync that can fail (its origin can refuse): the failure is in the outcome and the sync state, never thrown.</summary>
public abstract class FallibleSyncContract<TFixture> : SyncContract<TFixture>
    where TFixture : SyncFixture, new()
{
    [Fact]
    public async Task Failures_are_reported_in_the_outcome_not_thrown()
    {
        Assert.True((await Fixture.SyncAsync(full: true)).Succeeded);
        var items = Fixture.Items();
        Fixture.BreakOrigin();

        var outcome = await Fixture.SyncAsync(full: true);

        Assert.False(outcome.Succeeded);
        Assert.NotEqual(SyncResult.Ok, outcome.Result);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
        var state = Fixture.Catalog.GetSyncState(Fixture.Source.Id)!;
        Assert.Equal(outcome.Result.ToText(), state.LastResult);
        Assert.NotNull(state.LastError);
        Assert.NotNull(state.LastSuccess); // the earlier good sync is kept: status measures staleness from it
        Assert.Equal(items.Select(i => i.Id), Fixture.Items().Select(i => i.Id)); // a failed listing marks nothing missing
        Assert.All(Fixture.Items(), i => Assert.Null(i.MissingSince));
    }
}

/// <summary>A sync whose origin can delete items: a full sync marks exactly those missing.</summary>
public abstract class DeletingSyncContract<TFixture> : FallibleSyncContract<TFixture>
    where TFixture : SyncFixture, new()
{
    [Fact]
    public async Task A_full_sync_marks_gone_items_missing()
    {
        Assert.True((await Fixture.SyncAsync(full: true)).Succeeded);
        var gone = Fixture.DeleteAtOrigin();

        var outcome = await Fixture.SyncAsync(full: true);

        Assert.True(outcome.Succeeded, outcome.Error);
        Assert.Equal(1, outcome.ItemsMissing);
        var id = Fixture.Catalog.FindItemId(Fixture.Source.Id, gone)!.Value;
        Assert.NotNull(Fixture.Catalog.GetItem(id)!.MissingSince);
        Assert.All(Fixture.Catalog.ReadSourceItemKeys(Fixture.Source.Id).Where(k => k.SourceItemId != gone),
            k => Assert.Null(Fixture.Catalog.GetItem(Fixture.Catalog.FindItemId(Fixture.Source.Id, k.SourceItemId)!.Value)!.MissingSince));
    }
}
