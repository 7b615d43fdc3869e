using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>The mount point must be an empty folder: a mount over files would hide them without a word.</summary>
public sealed class MountPointTests(DemoLibrary library) : IClassFixture<DemoLibrary>
{
    [FuseFact]
    public void A_non_empty_folder_is_refused_by_name_unless_nonempty_is_given()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "mine");

        var refused = Tools.RunGphotosfs("mount", folder.Path, "--library", library.Folder);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"the mount point {folder.Path} is not empty (it holds 'notes.txt')", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("-o nonempty", refused.Stderr, StringComparison.Ordinal);
        Assert.False(Tools.IsMounted(folder.Path));

        Tools.RunGphotosfs("mount", folder.Path, "--library", library.Folder, "-o", "nonempty").AssertSuccess("mount -o nonempty");
        try
        {
            Assert.True(Directory.Exists(Path.Combine(folder.Path, "photos")));
        }
        finally
        {
            Tools.RunGphotosfs("unmount", folder.Path).AssertSuccess("unmount");
        }

        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder.Path, "notes.txt")));
    }
}
