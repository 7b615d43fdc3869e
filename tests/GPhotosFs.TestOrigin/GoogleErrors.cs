using System.Text;

namespace GPhotosFs.TestOrigin;

/// <summary>Error bodies shaped like Google API errors, so a client's error parsing meets what production sends.</summary>
internal static class GoogleErrors
{
    public const string QuotaExceededMessage =
        "Quota exceeded for quota metric 'All requests' and limit 'All requests per day' of service 'photoslibrary.googleapis.com' for consumer 'project_number:0'.";

    public static byte[] For(int status) => status switch
    {
        400 => Body(400, "Request contains an invalid argument.", "INVALID_ARGUMENT"),
        403 => Body(403, "The URL has expired or its signature is not valid.", "PERMISSION_DENIED"),
        404 => Body(404, "Requested entity was not found.", "NOT_FOUND"),
        405 => Body(405, "Only GET and HEAD are supported.", "INVALID_ARGUMENT"),
        410 => Body(410, "The URL has expired.", "NOT_FOUND"),
        429 => Body(429, "Too many requests. Retry later.", "RESOURCE_EXHAUSTED"),
        500 => Body(500, "Internal error encountered.", "INTERNAL"),
        502 => Body(502, "Bad gateway.", "UNAVAILABLE"),
        503 => Body(503, "The service is currently unavailable.", "UNAVAILABLE"),
        _ => Body(status, "Error.", "UNKNOWN"),
    };

    public static byte[] QuotaExceeded() => Body(429, QuotaExceededMessage, "RESOURCE_EXHAUSTED");

    // Hand-built: the messages are constants without characters that need escaping.
    private static byte[] Body(int code, string message, string status) =>
        Encoding.UTF8.GetBytes($$$"""{"error":{"code":{{{code}}},"message":"{{{message}}}","status":"{{{status}}}"}}""");
}
