namespace GPhotosFs.Google;

/// <summary>Config folders hold tokens and client secrets: created 0700.</summary>
internal static class PrivateFolder
{
    public static void Ensure(string folder)
    {
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
