using System.Globalization;
using GPhotosFs.IntegrationTests.Infrastructure;

namespace GPhotosFs.TakeoutDifferential;

/// <summary>
/// Checks the generator and its oracle against independent tools (unzip, GNU tar, exiftool), so a
/// difference found against the product is the product's: the archives are genuine, the damage is
/// real damage, and the capture times the oracle relies on are what exiftool reads.
/// </summary>
public sealed class GeneratorSelfTests
{
    [Theory]
    [InlineData(SidecarStyle.Classic, "IMG_1234.jpg", 0, false, "IMG_1234.jpg.json")]
    [InlineData(SidecarStyle.Classic, "IMG_1234.jpg", 1, false, "IMG_1234.jpg(1).json")]
    [InlineData(SidecarStyle.Classic, "scan0042", 0, false, "scan0042.json")]
    [InlineData(SidecarStyle.Classic, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz.jpg", 0, false, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrst.json")]
    [InlineData(SidecarStyle.Supplemental, "PXL_20240101_120000000.jpg", 0, false, "PXL_20240101_120000000.jpg.supplemental-metadat.json")]
    [InlineData(SidecarStyle.Supplemental, "abcdefghijklmnopqrstuvwxyzabc.jpg", 0, false, "abcdefghijklmnopqrstuvwxyzabc.jpg.supplemental-me.json")]
    [InlineData(SidecarStyle.Supplemental, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop.jpg", 0, false, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnop.jpg.s.json")]
    [InlineData(SidecarStyle.Supplemental, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq.jpg", 0, false, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq.jpg..json")]
    [InlineData(SidecarStyle.Supplemental, "IMG_1234.jpg", 1, false, "IMG_1234.jpg.supplemental-metadata(1).json")]
    [InlineData(SidecarStyle.Supplemental, "IMG_1234.jpg", 0, true, "IMG_1234.supplemental-metadata.json")]
    public void Sidecar_names_follow_REFERENCE_section_1(SidecarStyle style, string title, int counter, bool withoutExtension, string expected)
    {
        var name = ScenarioGenerator.SidecarName(style, title, counter, withoutExtension);
        Assert.Equal(expected, name);
        Assert.True(name.Length <= 51 || counter > 0 || withoutExtension, name);
    }

    [Fact]
    public void Collision_suffixes_are_recognised_only_in_READMEs_form()
    {
        Assert.True(Oracle.NameMatches("IMG.jpg", "IMG.jpg"));
        Assert.True(Oracle.NameMatches("IMG (2).jpg", "IMG.jpg"));
        Assert.True(Oracle.NameMatches("scan0042 (3)", "scan0042"));
        Assert.False(Oracle.NameMatches("IMG (1).jpg", "IMG.jpg"));
        Assert.False(Oracle.NameMatches("IMG(2).jpg", "IMG.jpg"));
        Assert.False(Oracle.NameMatches("IMG (2).jpeg", "IMG.jpg"));
        Assert.Equal("a_b_c.jpg", Oracle.Sanitize("a\tb\nc.jpg"));
    }

    [SystemFact("unzip", "tar", "exiftool")]
    public void Written_parts_are_genuine_archives_and_damage_is_real_damage()
    {
        var checkedParts = 0;
        var damaged = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var scenario = ScenarioGenerator.Generate(seed, KnownProductBugs.AllFeatures, 5, 12);
            using var temp = new TempFolder();
            var rng = new Random(seed ^ 0x5EED);
            foreach (var export in scenario.Exports)
            {
                PartWriter.Write(export, Path.Combine(temp.Path, $"export{export.Index}"), rng, exportNumberInNames: true);
                for (var part = 0; part < export.PartCount; part++)
                {
                    var path = export.PartPaths[part];
                    var broken = export.DamagedPart == part && export.Damage != DamageKind.None;
                    var check = export.Format switch
                    {
                        PartFormat.Zip => Tools.Run("unzip", "-tqq", path),
                        PartFormat.Tgz => Tools.Run("tar", "-tzf", path),
                        _ => new CommandResult(0, "", ""),
                    };
                    if (export.Format == PartFormat.Folder) continue;
                    checkedParts++;
                    if (broken) damaged++;
                    Assert.True(broken == (check.ExitCode != 0), $"seed {seed} {Path.GetFileName(path)} ({export.Damage}, damaged: {broken}): exit {check.ExitCode} {check.Stderr}");
                    if (export.Format == PartFormat.Tgz && !broken)
                    {
                        var listed = check.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
                        Assert.True(export.Members.Count(m => m.Part == part) <= listed, $"seed {seed}: tar lists {listed} members");
                    }
                }
            }
        }

        Assert.True(checkedParts > 40 && damaged > 3, $"{checkedParts} parts checked, {damaged} damaged");
    }

    [SystemFact("exiftool")]
    public void The_capture_times_the_oracle_uses_are_what_exiftool_reads()
    {
        using var temp = new TempFolder();
        var items = Enumerable.Range(1, 30).SelectMany(seed => ScenarioGenerator.Generate(seed, KnownProductBugs.AllFeatures, 5, 8).Items).ToList();
        var files = new List<(string Path, LibraryItem Item)>();
        foreach (var item in items)
        {
            var path = Path.Combine(temp.Path, $"{files.Count}{(item.Kind == MediaKind.Video ? ".mov" : ".jpg")}");
            File.WriteAllBytes(path, item.Bytes);
            files.Add((path, item));
        }

        var result = Tools.Run("exiftool", ["-s3", "-f", "-d", "%Y-%m-%dT%H:%M:%S", "-DateTimeOriginal", "-OffsetTimeOriginal", "-CreateDate", .. files.Select(f => f.Path)]).AssertSuccess("exiftool");
        var blocks = result.Stdout.Split("========", StringSplitOptions.RemoveEmptyEntries).Select(b => b.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        Assert.Equal(files.Count, blocks.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var (path, item) = files[i];
            var lines = blocks[i];
            Assert.EndsWith(Path.GetFileName(path), lines[0]);
            var (dto, offset, create) = (lines[1], lines[2], lines[3]);
            if (item.Kind == MediaKind.Video)
            {
                Assert.Equal(item.MvhdTime!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), create);
            }
            else if (item.ExifTime is { } exif)
            {
                Assert.Equal(exif.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), dto);
                Assert.Equal(exif.ToString("zzz", CultureInfo.InvariantCulture), offset);
                Assert.Equal(Oracle.Month(exif), Oracle.Month(DateTimeOffset.Parse(dto + offset, CultureInfo.InvariantCulture)));
            }
            else
            {
                Assert.Equal("-", dto);
            }
        }
    }
}
