namespace GPhotosFs.Google;

/// <summary>The OAuth scopes gphotosfs asks for (REFERENCE §1: the only read scopes left in 2025).</summary>
public static class GoogleScopes
{
    /// <summary>Lists and downloads the items and albums this app uploaded.</summary>
    public const string LibraryAppCreated = "https://www.googleapis.com/auth/photoslibrary.readonly.appcreateddata";

    /// <summary>Reads the items the user picks in a Picker session.</summary>
    public const string Picker = "https://www.googleapis.com/auth/photospicker.mediaitems.readonly";

    public static readonly IReadOnlyList<string> All = [LibraryAppCreated, Picker];
}
