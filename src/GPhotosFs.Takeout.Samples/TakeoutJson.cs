using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GPhotosFs.SampleMedia;

namespace GPhotosFs.Takeout.Samples;

/// <summary>Sidecar and album metadata JSON shaped like Takeout's (fields as REFERENCE section 1 describes).</summary>
public static class TakeoutJson
{
    public static byte[] Sidecar(string title, DateTimeOffset? taken, GpsLocation? geoExif = null, GpsLocation? geo = null,
        string? description = null, bool favorited = false, bool archived = false, bool trashed = false, IReadOnlyList<string>? people = null,
        DateTimeOffset? uploaded = null)
    {
        var root = new JsonObject
        {
            ["title"] = title,
            ["description"] = description ?? "",
            ["imageViews"] = "3",
            ["creationTime"] = Stamp(uploaded ?? new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            // Takeout writes "0" for an unknown taking time.
            ["photoTakenTime"] = taken is { } t ? Stamp(t) : new JsonObject { ["timestamp"] = "0", ["formatted"] = "" },
            ["geoData"] = Geo(geo),
            ["geoDataExif"] = Geo(geoExif),
            ["url"] = "https://photos.google.com/photo/AF1Qip" + Math.Abs(title.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture),
            ["googlePhotosOrigin"] = new JsonObject { ["mobileUpload"] = new JsonObject { ["deviceType"] = "ANDROID_PHONE" } },
        };
        if (people is { Count: > 0 })
        {
            root["people"] = new JsonArray(people.Select(p => (JsonNode)new JsonObject { ["name"] = p }).ToArray());
        }

        if (favorited)
        {
            root["favorited"] = true;
        }

        if (archived)
        {
            root["archived"] = true;
        }

        if (trashed)
        {
            root["trashed"] = true;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>An album's metadata.json; <paramref name="wrapped"/> gives the older <c>{"albumData": {…}}</c> form.</summary>
    public static byte[] Album(string title, string? description = null, bool wrapped = false)
    {
        var album = new JsonObject
        {
            ["title"] = title,
            ["description"] = description ?? "",
            ["access"] = "protected",
            ["date"] = Stamp(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        };
        JsonNode root = wrapped ? new JsonObject { ["albumData"] = album } : album;
        return Encoding.UTF8.GetBytes(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Stamp(DateTimeOffset when) => new()
    {
        ["timestamp"] = when.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["formatted"] = when.ToString("d MMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
    };

    private static JsonObject Geo(GpsLocation? gps) => new()
    {
        ["latitude"] = gps?.Latitude ?? 0.0,
        ["longitude"] = gps?.Longitude ?? 0.0,
        ["altitude"] = gps?.AltitudeMeters ?? 0.0,
        ["latitudeSpan"] = 0.0,
        ["longitudeSpan"] = 0.0,
    };
}
