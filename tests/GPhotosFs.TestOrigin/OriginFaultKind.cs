namespace GPhotosFs.TestOrigin;

/// <summary>What can go wrong with one download, modelled on what a client of Google's download URLs really sees.</summary>
public enum OriginFaultKind
{
    /// <summary>Answered normally.</summary>
    None = 0,

    /// <summary>500 with a Google-style JSON error body.</summary>
    InternalServerError,

    /// <summary>502 with a Google-style JSON error body.</summary>
    BadGateway,

    /// <summary>503 with a Google-style JSON error body.</summary>
    ServiceUnavailable,

    /// <summary>429 with <c>Retry-After</c> (<see cref="OriginFaults.RetryAfter"/>): short-term rate limiting, worth retrying.</summary>
    TooManyRequests,

    /// <summary>429 quota exceeded, without <c>Retry-After</c>: retrying does not help until the quota resets.</summary>
    QuotaExceeded,

    /// <summary>Headers and part of the body, then a TCP reset (RST); bytes still in flight may be lost, as with a real reset.</summary>
    ConnectionReset,

    /// <summary>Headers and part of the body, then an orderly close (FIN) short of Content-Length.</summary>
    TruncatedBody,

    /// <summary>Headers and part of the body, then nothing for <see cref="OriginFaults.StallDuration"/> (or until the client gives up), then the rest.</summary>
    Stall,
}
