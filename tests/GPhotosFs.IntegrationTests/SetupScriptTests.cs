using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.IntegrationTests;

/// <summary>
/// The two README commands set a fresh machine up by themselves (scripts/debian-packages.sh): as
/// root they install the missing Debian packages, once and quietly; otherwise they print the exact
/// command and stop. dpkg-query, apt-get and id are stand-ins on PATH, so nothing is installed here.
/// </summary>
public sealed class SetupScriptTests : IDisposable
{
    private readonly TempFolder _bin = new();

    public void Dispose() => _bin.Dispose();

    [Fact]
    public void Without_root_mount_sh_names_the_missing_package_and_the_command_then_stops()
    {
        FakeTools(missing: ["fuse3"], uid: 1000);
        using var target = new TempFolder();

        var result = Run($"'{RepositoryRoot()}/mount.sh' --demo '{target.Path}/gp'");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("mount.sh: these Debian packages are missing: fuse3", result.Stderr);
        Assert.Contains("sudo apt-get update && sudo apt-get install -y --no-install-recommends fuse3", result.Stderr);
        Assert.False(File.Exists(Path.Combine(_bin.Path, "apt-get.log")));
        Assert.False(Directory.Exists(Path.Combine(target.Path, "gp")), "mount.sh went on after the missing package");
    }

    [Fact]
    public void As_root_test_sh_installs_only_what_is_missing_quietly_and_once()
    {
        FakeTools(missing: ["fuse3", "chromium"], uid: 0);

        var first = Run($"source '{RepositoryRoot()}/scripts/debian-packages.sh' && ensure_debian_packages test.sh \"${{GPHOTOSFS_TEST_PACKAGES[@]}}\"");

        first.AssertSuccess("ensure_debian_packages");
        Assert.Equal(
            ["update -q", "install -y -q --no-install-recommends fuse3 chromium"],
            File.ReadAllLines(Path.Combine(_bin.Path, "apt-get.log")));
        Assert.Contains("test.sh: installing the Debian packages it needs: fuse3 chromium", first.Stderr);
        Assert.DoesNotContain("Reading package lists", first.Stderr + first.Stdout);

        // Installed now: the next run asks apt for nothing and says nothing.
        File.WriteAllText(Path.Combine(_bin.Path, "missing"), "");
        File.Delete(Path.Combine(_bin.Path, "apt-get.log"));
        var second = Run($"source '{RepositoryRoot()}/scripts/debian-packages.sh' && ensure_debian_packages test.sh \"${{GPHOTOSFS_TEST_PACKAGES[@]}}\"");
        second.AssertSuccess("ensure_debian_packages, all installed");
        Assert.Equal("", second.Stderr);
        Assert.False(File.Exists(Path.Combine(_bin.Path, "apt-get.log")));
    }

    [Fact]
    public void Ci_and_test_sh_install_the_same_list_and_it_has_chromium_and_xvfb()
    {
        var root = RepositoryRoot();
        Assert.Contains("\"${GPHOTOSFS_TEST_PACKAGES[@]}\"", File.ReadAllText(Path.Combine(root, ".ci", "run")));
        Assert.Contains("\"${GPHOTOSFS_TEST_PACKAGES[@]}\"", File.ReadAllText(Path.Combine(root, "test.sh")));
        var list = Tools.Run("bash", "-c", $"source '{root}/scripts/debian-packages.sh' && echo \"${{GPHOTOSFS_TEST_PACKAGES[@]}}\"").AssertSuccess("list").Stdout.Split(' ', StringSplitOptions.TrimEntries);
        Assert.Contains("chromium", list);
        Assert.Contains("fuse3", list);
        Assert.Contains("xvfb", list); // xvfb-run for the headed `web login` test
        Assert.Contains("xauth", list); // xvfb-run needs it; xvfb only recommends it and the lists install without recommends
    }

    private CommandResult Run(string script) => Tools.Run("bash", TimeSpan.FromMinutes(2), "-c", $"PATH='{_bin.Path}':\"$PATH\" && {script}");

    /// <summary>dpkg-query reports <paramref name="missing"/> (the file "missing" lists them) as not installed; apt-get logs its arguments and prints apt's chatter; id -u says <paramref name="uid"/>.</summary>
    private void FakeTools(string[] missing, int uid)
    {
        File.WriteAllText(Path.Combine(_bin.Path, "missing"), string.Join('\n', missing) + "\n");
        Script("dpkg-query", $$"""
            #!/bin/bash
            package="${@: -1}"
            if grep -qx "$package" '{{_bin.Path}}/missing'; then echo -n "unknown ok not-installed"; exit 1; fi
            echo -n "install ok installed"
            """);
        Script("apt-get", $"""
            #!/bin/bash
            echo "$*" >> '{_bin.Path}/apt-get.log'
            echo "Reading package lists... Done"
            """);
        Script("id", $"""
            #!/bin/bash
            if [ "$1" = "-u" ]; then echo {uid}; else exec /usr/bin/id "$@"; fi
            """);
    }

    private void Script(string name, string text)
    {
        var path = Path.Combine(_bin.Path, name);
        File.WriteAllText(path, text.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "mount.sh")) && File.Exists(Path.Combine(dir.FullName, "GPhotosFs.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("mount.sh not found above " + AppContext.BaseDirectory);
    }
}
