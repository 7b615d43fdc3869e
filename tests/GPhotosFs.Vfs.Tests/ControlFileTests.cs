using GPhotosFs.Vfs.Tree;

namespace GPhotosFs.Vfs.Tests;

/// <summary>The hidden .gphotosfs/ folder of generated files, and how long one rendering is served.</summary>
public sealed class ControlFileTests
{
    [Fact]
    public void Control_files_are_under_an_unlisted_dot_gphotosfs_only_when_given()
    {
        var status = new GeneratedContent(() => "{}"u8.ToArray(), TimeSpan.FromSeconds(2));

        var with = LibraryTreeBuilder.Build([], [], [], new TreeOptions(), [new ControlFile("status.json", status)]);
        var without = LibraryTreeBuilder.Build([], [], [], new TreeOptions());

        var file = Assert.IsType<VfsControlFile>(with.Resolve(".gphotosfs/status.json"));
        Assert.Same(status, file.Content);
        Assert.Equal(InodeNumbers.ControlFolder, with.Resolve(".gphotosfs")!.Ino);
        Assert.Equal(0, with.FileCount); // not a media file: not counted, not in photos/
        Assert.Null(without.Resolve(".gphotosfs"));
        // Found by name, never listed: walks and backups of the mount do not see it.
        Assert.Equal(["albums", "photos"], with.Root.Children.Select(c => c.NameText));
        Assert.Same(with.ControlFolder, with.Find(with.Root, ".gphotosfs"u8));
        Assert.Null(with.Find((VfsDirectory)with.Resolve("photos")!, ".gphotosfs"u8));
    }

    [Fact]
    public void A_rendering_is_reused_within_its_window_and_renewed_after_it()
    {
        var clock = new SteppedClock();
        var renders = 0;
        var content = new GeneratedContent(() => System.Text.Encoding.UTF8.GetBytes($"render {++renders}"), TimeSpan.FromSeconds(2), clock);

        var first = content.Current;
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Same(first.Bytes, content.Current.Bytes);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("render 2", System.Text.Encoding.UTF8.GetString(content.Current.Bytes));
        Assert.Equal(2, renders);
    }

    [Fact]
    public void A_failing_rendering_gives_a_json_error_instead_of_failing_the_call()
    {
        var content = new GeneratedContent(() => throw new InvalidOperationException("catalog \"closed\""), TimeSpan.FromSeconds(2));

        using var json = System.Text.Json.JsonDocument.Parse(content.Current.Bytes);

        Assert.Equal("InvalidOperationException: catalog \"closed\"", json.RootElement.GetProperty("error").GetString());
    }

    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
