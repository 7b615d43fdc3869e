namespace GPhotosFs.Catalog;

/// <summary>
/// The catalog stores instants as Unix milliseconds (UTC): compact, sortable, and readable by
/// any SQLite tool. These convert at the boundary.
/// </summary>
internal static class UnixTime
{
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static long? ToMilliseconds(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    /// <summary>
    /// Converts a stored value back. A value outside DateTimeOffset's range can only come from a
    /// hand-edited catalog; it reads as null instead of failing the whole mount over one row.
    /// </summary>
    public static DateTimeOffset? FromMilliseconds(long? milliseconds) =>
        milliseconds is { } ms && ms >= MinMilliseconds && ms <= MaxMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    public static DateTimeOffset FromMillisecondsOrEpoch(long milliseconds) =>
        FromMilliseconds(milliseconds) ?? DateTimeOffset.UnixEpoch;
}
