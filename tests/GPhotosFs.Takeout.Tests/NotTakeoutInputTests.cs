namespace GPhotosFs.Takeout.Tests;

/// <summary>Input that is not a Takeout export is refused in words and changes nothing (issue 10, point 14).</summary>
public sealed class NotTakeoutInputTests : IDisposable
{
    private readonly TakeoutLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private void AssertNothingChanged()
    {
        Assert.Empty(_library.Catalog.GetSources());
        Assert.Empty(_library.PhotoPaths());
        Assert.Empty(_library.Albums());
    }

    [Fact]
    public void A_folder_holding_only_a_readme_is_refused()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_library.Exports, "notes", "sub")).Parent!.FullName;
        File.WriteAllText(Path.Combine(folder, "sub", "readme.txt"), "hello");

        var result = _library.Add(folder);

        Assert.Contains("notes: not a Google Takeout export", Assert.Single(result.Refused), StringComparison.Ordinal);
        Assert.Equal(0, result.PartsAdded);
        AssertNothingChanged();
    }

    [Fact]
    public void An_empty_folder_is_refused()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_library.Exports, "empty")).FullName;

        var result = _library.Add(folder);

        Assert.Equal("empty: is empty: not a Google Takeout export; nothing added", Assert.Single(result.Refused));
        AssertNothingChanged();
    }

    [Fact]
    public void A_garbage_zip_is_refused()
    {
        var zip = Path.Combine(_library.Exports, "takeout-20250101T000000Z-001.zip");
        File.WriteAllBytes(zip, [.. System.Text.Encoding.ASCII.GetBytes("this is not a zip file at all "), .. new byte[5000]]);

        var result = _library.Add(zip);

        Assert.Contains("takeout-20250101T000000Z-001.zip: no zip directory found", Assert.Single(result.Refused), StringComparison.Ordinal);
        Assert.Empty(result.PartErrors);
        AssertNothingChanged();
    }

    [Fact]
    public void Media_outside_a_Google_Photos_folder_is_refused_not_shown()
    {
        var folder = Path.Combine(_library.Exports, "pictures");
        Directory.CreateDirectory(Path.Combine(folder, "holiday"));
        File.WriteAllBytes(Path.Combine(folder, "holiday", "x.jpg"), [1, 2, 3]);

        var result = _library.Add(folder);

        Assert.Contains("not a Google Takeout export", Assert.Single(result.Refused), StringComparison.Ordinal);
        AssertNothingChanged();
    }
}
