namespace GPhotosFs.Originals;

/// <summary>What <c>cache verify</c> expects of one cached original: where it is in the cache tree, its size and (when known) its SHA-256.</summary>
public sealed record ExpectedOriginal(string RelativePath, long? Size, string? ContentHash);

/// <summary>One cached file that is not what the catalog says; <paramref name="QuarantinedTo"/> is where it was moved (null: left in place).</summary>
public sealed record VerifyFinding(string RelativePath, string Problem, string? QuarantinedTo);

public sealed record VerifyReport(int Checked, int Hashed, IReadOnlyList<VerifyFinding> Mismatches, IReadOnlyList<string> NotInCatalog);

/// <summary>One file <c>cache clean</c> removed (or would remove): why, and the disk space it took.</summary>
public sealed record CleanedFile(string Path, string Reason, long Bytes);

/// <summary>
/// The offline maintenance of a cache folder (no daemon needed): <c>cache verify</c> re-hashes the
/// originals against the catalog and moves mismatches aside; <c>cache clean</c> removes stray temp
/// files and abandoned partial downloads. Both leave alone anything a running download holds.
/// </summary>
public static class CacheMaintenance
{
    /// <summary>Disk space a (sparse) file takes.</summary>
    public static long AllocatedBytes(string path) => PartialOriginal.AllocatedBytes(path);

    public static VerifyReport Verify(string cacheFolder, IReadOnlyCollection<ExpectedOriginal> expected, bool quarantine = true)
    {
        var mismatches = new List<VerifyFinding>();
        int checkedCount = 0, hashed = 0;
        foreach (var original in expected)
        {
            var path = Path.Combine(cacheFolder, original.RelativePath);
            var file = new FileInfo(path);
            if (!file.Exists || file.LinkTarget is not null)
            {
                continue;
            }

            checkedCount++;
            string? problem = null;
            if (original.Size is { } size && file.Length != size)
            {
                problem = $"has {file.Length} bytes, the catalog says {size}";
            }
            else if (original.ContentHash is { } expectedHash)
            {
                hashed++;
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, OriginalVerifier.StreamBufferBytes);
                var actual = OriginalVerifier.ContentHash(stream);
                if (!string.Equals(actual, expectedHash, StringComparison.OrdinalIgnoreCase))
                {
                    problem = $"its content hash {actual} differs from the catalog's {expectedHash}";
                }
            }

            if (problem is not null)
            {
                string? movedTo = null;
                if (quarantine)
                {
                    movedTo = Path.Combine(cacheFolder, CacheTree.QuarantineFolderName, original.RelativePath);
                    Directory.CreateDirectory(Path.GetDirectoryName(movedTo)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                    File.Move(path, movedTo, overwrite: true); // same filesystem: a rename
                }

                mismatches.Add(new VerifyFinding(original.RelativePath, problem, movedTo));
            }
        }

        var known = expected.Select(e => e.RelativePath).ToHashSet(StringComparer.Ordinal);
        var unknown = CacheTree.EnumerateOriginals(cacheFolder)
            .Select(f => Path.GetRelativePath(cacheFolder, f.FullName))
            .Where(p => !known.Contains(p))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new VerifyReport(checkedCount, hashed, mismatches, unknown);
    }

    /// <summary>
    /// Removes stray temp files from the cache tree and, from each partial folder, the partials no
    /// process is writing that are not <paramref name="resumable"/> (by item id; with
    /// <paramref name="allPartials"/>, none is kept). With <paramref name="dryRun"/> nothing is removed.
    /// </summary>
    public static List<CleanedFile> Clean(string cacheFolder, IEnumerable<string> partialFolders, Func<long, bool> resumable, bool allPartials, bool dryRun)
    {
        var cleaned = new List<CleanedFile>();
        foreach (var temp in CacheTree.EnumerateStrayTemps(cacheFolder).ToList())
        {
            cleaned.Add(new CleanedFile(temp, "stray temp file in the cache tree", AllocatedBytes(temp)));
            if (!dryRun)
            {
                File.Delete(temp);
            }
        }

        foreach (var folder in partialFolders.Distinct(StringComparer.Ordinal))
        {
            bool Keep(string key) =>
                !allPartials
                && long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
                && resumable(id)
                && File.Exists(Path.Combine(folder, key + ".ranges"));
            foreach (var (path, bytes) in PartialOriginal.RemoveAbandoned(folder, Keep, dryRun))
            {
                cleaned.Add(new CleanedFile(path, path.EndsWith(".tmp", StringComparison.Ordinal) ? "torn range record" : "abandoned partial download", bytes));
            }
        }

        return cleaned;
    }
}
