using Microsoft.Data.Sqlite;

namespace GPhotosFs.Catalog;

/// <summary>
/// Copies a catalog aside before its schema is upgraded, so a failed or regretted upgrade can
/// be undone by hand: the copy is a complete catalog that the previous GPhotosFs version opens.
/// </summary>
internal static class CatalogBackup
{
    public static string PathFor(string catalogPath, int schemaVersion) => $"{catalogPath}.bak-v{schemaVersion}";

    /// <summary>
    /// Writes <c>&lt;catalog&gt;.bak-v&lt;version&gt;</c> with SQLite's online backup API, which includes
    /// transactions still in the '-wal' file and never writes the source. The copy is built under
    /// a temporary name and renamed, so a crash never leaves a half-written backup under the
    /// final name; an existing backup of the same version (from an interrupted upgrade) is
    /// replaced by this newer copy.
    /// </summary>
    public static string Create(string catalogPath, int schemaVersion)
    {
        string backupPath = PathFor(catalogPath, schemaVersion);
        string temporaryPath = backupPath + ".tmp";
        try
        {
            File.Delete(temporaryPath);
            PrivateFiles.CreateEmptyFile(temporaryPath);
            using (var source = new SqliteConnection(CatalogConnections.UnpooledReadOnlyConnectionString(catalogPath)))
            using (var target = new SqliteConnection(CatalogConnections.WriterConnectionString(temporaryPath)))
            {
                source.Open();
                CatalogConnections.SetBusyTimeout(source);
                target.Open();
                source.BackupDatabase(target);
            }

            File.Move(temporaryPath, backupPath, overwrite: true);
            return backupPath;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            TryDelete(temporaryPath);
            throw CatalogErrors.BackupFailed(catalogPath, backupPath, ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting; a stray .tmp is harmless and is
            // removed by the next attempt.
        }
    }
}
