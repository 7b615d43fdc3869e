using System.Globalization;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace GPhotosFs.GoogleEmulator;

/// <summary>
/// Drive v3 as gphotosfs uses it (REFERENCE §6): <c>GET /drive/v3/files?q=…&amp;fields=…&amp;pageSize≤1000&amp;pageToken</c>,
/// <c>GET /drive/v3/files/ID?fields=…</c> and <c>GET /drive/v3/files/ID?alt=media</c> with Range (206).
/// Only the fields asked for come back (Drive's default without <c>fields</c>: kind, id, name, mimeType);
/// int64 fields are strings. Errors have Drive's shape: <c>{"error":{"code","message","errors":[{"domain","reason","message"}]}}</c>.
/// </summary>
public sealed partial class GoogleEmulatorServer
{
    public const string DriveScope = "https://www.googleapis.com/auth/drive.readonly";

    private static readonly string[] DefaultFileFields = ["kind", "id", "name", "mimeType"];

    private async Task DriveAsync(HttpContext context, string rest)
    {
        var media = context.Request.Query["alt"] == "media";
        var endpoint = rest.Length == 0 ? "drive.files.list" : media ? "drive.media" : "drive.files.get";
        Counters.Count(endpoint);
        if (Faults.DriveLatency > TimeSpan.Zero) await Task.Delay(Faults.DriveLatency, _time, context.RequestAborted);
        var granted = OAuth.ScopeOf(context.Request.Headers.Authorization.FirstOrDefault());
        if (granted is null)
        {
            await WriteAsync(context, DriveError(401, "Request had invalid authentication credentials.", "global", "authError"));
            return;
        }

        if (!granted.Split(' ').Contains(DriveScope))
        {
            await WriteAsync(context, DriveError(403, "Request had insufficient authentication scopes.", "global", "insufficientPermissions"));
            return;
        }

        if (Faults.TakeDriveRateLimit(out var forbidden))
        {
            await WriteAsync(context, forbidden
                ? DriveError(403, "User rate limit exceeded.", "usageLimits", "userRateLimitExceeded")
                : DriveError(429, "Rate limit exceeded.", "usageLimits", "rateLimitExceeded"));
            return;
        }

        if (rest.Length == 0)
        {
            await WriteAsync(context, ListDriveFiles(context));
            return;
        }

        var id = Uri.UnescapeDataString(rest.TrimStart('/'));
        if (Drive.Find(id) is not { } file)
        {
            await WriteAsync(context, DriveError(404, $"File not found: {id}.", "global", "notFound"));
            return;
        }

        if (!media)
        {
            await WriteAsync(context, Ok(FileJson(file, Fields(context.Request.Query["fields"].ToString(), nested: false))));
            return;
        }

        await SendDriveMediaAsync(context, file);
    }

    private Answer ListDriveFiles(HttpContext context)
    {
        var q = context.Request.Query;
        var sizeText = q["pageSize"].ToString();
        var size = 100;
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, CultureInfo.InvariantCulture, out size) || size is < 1 or > 1000))
        {
            return DriveError(400, $"Invalid value '{sizeText}'. Values must be within the range: [1, 1000]", "global", "invalid");
        }

        if (DriveQuery.Parse(q["q"]) is not { } filter) return DriveError(400, "Invalid Value", "global", "invalid");
        if (Offset(q["pageToken"]) is not { } offset) return DriveError(400, "Invalid Value", "global", "invalid");
        var matching = Drive.Files.Where(filter).ToList();
        var page = Counters["drive.files.list"];
        var take = size;
        if (Faults.DriveShortPages)
        {
            take = page % 3 == 0 ? 0 : Math.Max(1, size / 3);
        }

        var files = matching.Skip(offset).Take(take).ToList();
        var next = offset + files.Count;
        var fields = Fields(q["fields"].ToString(), nested: true);
        return Ok(new Dictionary<string, object?>
        {
            ["kind"] = "drive#fileList",
            ["nextPageToken"] = next < matching.Count ? Token(next) : null,
            ["incompleteSearch"] = false,
            ["files"] = files.Select(f => FileJson(f, fields)).ToList(),
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value));
    }

    /// <summary>The file fields a <c>fields</c> parameter asks for: <c>files(id,name)</c> in a list (<paramref name="nested"/>), <c>id,name</c> for one file; <c>*</c> for all.</summary>
    private static string[] Fields(string fields, bool nested)
    {
        if (string.IsNullOrEmpty(fields)) return DefaultFileFields;
        if (nested)
        {
            var open = fields.IndexOf("files(", StringComparison.Ordinal);
            if (open < 0) return fields.Split(',').Any(f => f.Trim() is "files" or "*") ? ["*"] : [];
            var close = fields.IndexOf(')', open);
            fields = fields[(open + 6)..(close < 0 ? fields.Length : close)];
        }

        return fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    private static Dictionary<string, object?> FileJson(DriveFile file, string[] fields)
    {
        var all = new Dictionary<string, object?>
        {
            ["kind"] = "drive#file",
            ["id"] = file.Id,
            ["name"] = file.Name,
            ["mimeType"] = file.MimeType,
            ["parents"] = new[] { file.Parent },
            ["trashed"] = file.Trashed,
            ["createdTime"] = Rfc3339(file.Created),
            ["modifiedTime"] = Rfc3339(file.Modified),
            ["version"] = file.Version.ToString(CultureInfo.InvariantCulture),
            // Folders (Google-native types) have neither size, checksum nor head revision.
            ["size"] = file.IsFolder ? null : file.Size.ToString(CultureInfo.InvariantCulture),
            ["md5Checksum"] = file.Md5,
            ["headRevisionId"] = file.IsFolder ? null : file.HeadRevisionId,
        };
        return all.Where(p => p.Value is not null && (fields.Contains("*") || fields.Contains(p.Key))).ToDictionary(p => p.Key, p => p.Value);
    }

    private static string Rfc3339(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task SendDriveMediaAsync(HttpContext context, DriveFile file)
    {
        if (file.IsFolder || file.Path is null)
        {
            await WriteAsync(context, DriveError(403, "Only files with binary content can be downloaded. Use Export with Docs Editors files.", "global", "fileNotDownloadable"));
            return;
        }

        var length = file.Size;
        var (from, to) = (0L, length - 1);
        var range = context.Request.Headers.Range.ToString();
        var ranged = false;
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && !range.Contains(',') && !Faults.TakeDriveIgnoreRange())
        {
            var dash = range.IndexOf('-');
            if (dash < 0 || !long.TryParse(range.AsSpan(6, dash - 6), CultureInfo.InvariantCulture, out from)) from = 0;
            if (dash + 1 < range.Length && long.TryParse(range.AsSpan(dash + 1), CultureInfo.InvariantCulture, out var end)) to = Math.Min(end, length - 1);
            if (from >= length || to < from)
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = $"bytes */{length}";
                return;
            }

            ranged = true;
        }

        context.Response.StatusCode = ranged ? 206 : 200;
        if (ranged) context.Response.Headers.ContentRange = $"bytes {from}-{to}/{length}";
        context.Response.ContentType = file.MimeType;
        context.Response.Headers.AcceptRanges = "bytes";
        context.Response.Headers.ETag = $"\"{file.Md5}\"";
        var count = to - from + 1;
        context.Response.ContentLength = count;
        var reset = Faults.TakeDriveReset();
        var budget = reset ? count / 2 : count;
        await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        stream.Position = from;
        var buffer = new byte[Math.Min(256 * 1024, Math.Max(1, budget))];
        while (budget > 0)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, budget)), context.RequestAborted);
            if (n <= 0) break;
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted);
            Counters.CountDriveBytes(n);
            budget -= n;
        }

        if (reset)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Features.Get<IConnectionLifetimeNotificationFeature>()?.RequestClose();
            context.Abort(); // a connection reset mid-body
        }
    }

    private static Answer DriveError(int code, string message, string domain, string reason) =>
        new(code, new { error = new { code, message, errors = new[] { new { domain, reason, message } } } });
}
