namespace GPhotosFs.TestOrigin;

/// <summary>One request as the origin answered it, for assertions.</summary>
public sealed class OriginRequestRecord
{
    private long _bytesSent;

    internal OriginRequestRecord(long sequence, string method, string? id, string? rangeHeader, ByteRange? range, int status, OriginFaultKind fault)
    {
        Sequence = sequence;
        Method = method;
        Id = id;
        RangeHeader = rangeHeader;
        Range = range;
        Status = status;
        Fault = fault;
    }

    /// <summary>Order of arrival since the server started (not reset by <see cref="OriginCounters.Reset"/>).</summary>
    public long Sequence { get; }

    public string Method { get; }

    /// <summary>The blob id asked for; null when the path named none.</summary>
    public string? Id { get; }

    /// <summary>The Range header as sent, if any.</summary>
    public string? RangeHeader { get; }

    /// <summary>The range served with 206; null for anything else.</summary>
    public ByteRange? Range { get; }

    /// <summary>Status code in the response headers; for a reset, truncation or stall, the status that was (or would have been) sent before the fault struck.</summary>
    public int Status { get; }

    public OriginFaultKind Fault { get; }

    /// <summary>Body bytes handed to the connection so far (counted just before each write, so a client that has the bytes sees them counted).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    internal void AddBytesSent(long count) => Interlocked.Add(ref _bytesSent, count);

    public override string ToString() => $"#{Sequence} {Method} {Id} {RangeHeader} -> {Status}{(Fault == OriginFaultKind.None ? "" : $" ({Fault})")} {BytesSent} B";
}
