using System.Text.Json;
using System.Text.Json.Serialization;

namespace GPhotosFs.Cli.Status;

/// <summary>The one JSON spelling of a <see cref="LibraryStatus"/> (snake_case, like config.json), for the command and the mount.</summary>
public static class StatusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter() },
    };

    public static byte[] Serialize(LibraryStatus status) => JsonSerializer.SerializeToUtf8Bytes(status, Options);
}
