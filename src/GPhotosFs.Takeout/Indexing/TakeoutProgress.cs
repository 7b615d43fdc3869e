namespace GPhotosFs.Takeout.Indexing;

/// <summary>A progress report of an index run: what is being done, and how far.</summary>
public sealed record TakeoutProgress(string Stage, int Done, int Total);
