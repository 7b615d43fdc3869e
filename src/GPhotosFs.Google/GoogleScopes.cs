namespace GPhotosFs.Google;

/// <summary>The OAuth scopes gphotosfs asks for (REFERENCE §1: the only read scopes left in 2025).</summary>
public static class GoogleScopes
{
    /// <summary>Lists and downloads the items and albums this app uploaded.</summary>
    public const string LibraryAppCreated = "https://www.googleapis.com/auth/photoslibrary.readonly.appcreateddata";

    /// <summary>Reads the items the user picks in a Picker session.</summary>
    public const string Picker = "https://www.googleapis.com/auth/photospicker.mediaitems.readonly";

    /// <summary>Reads Takeout parts delivered to the user's Drive (restricted: a personal OAuth client shows an "unverified app" warning). Asked for only by <c>auth --drive</c>.</summary>
    public const string DriveReadOnly = "https://www.googleapis.com/auth/drive.readonly";

    public static readonly IReadOnlyList<string> All = [LibraryAppCreated, Picker];

    /// <summary>What <c>gphotosfs auth --drive</c> asks for.</summary>
    public static readonly IReadOnlyList<string> AllWithDrive = [LibraryAppCreated, Picker, DriveReadOnly];
}
