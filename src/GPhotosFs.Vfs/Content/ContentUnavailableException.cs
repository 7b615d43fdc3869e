namespace GPhotosFs.Vfs.Content;

/// <summary>An item's bytes cannot be served. The message names the item and says what to do; reads fail with EIO.</summary>
/// <param name="reportedElsewhere">
/// The cause is a state already logged once where it is known (a used-up daily quota), so readers
/// need not log each failed read: thousands of reads would otherwise repeat one fact.
/// </param>
public sealed class ContentUnavailableException(string message, Exception? inner = null, bool reportedElsewhere = false) : Exception(message, inner)
{
    public bool ReportedElsewhere { get; } = reportedElsewhere;
}
