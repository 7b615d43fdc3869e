using System.Text;
using GPhotosFs.Catalog;
using Google.Apis.Json;
using Google.Apis.Util.Store;

namespace GPhotosFs.Google;

/// <summary>
/// Google.Apis.Auth's token store as one file, <c>&lt;config folder&gt;/token.json</c>, mode 0600 in
/// a 0700 folder, replaced atomically. Single-user: the key is ignored. Deletes are ignored too:
/// the library deletes a token after any failed refresh, including a network error, and a
/// headless box must not lose its grant to a flaky network; only <c>gphotosfs auth</c> replaces it.
/// </summary>
public sealed class TokenFile(string configFolder) : IDataStore
{
    public const string FileName = "token.json";

    public string Path { get; } = System.IO.Path.Combine(configFolder, FileName);

    public bool Exists => File.Exists(Path);

    public Task StoreAsync<T>(string key, T value)
    {
        PrivateFiles.ReplaceAtomically(Path, Encoding.UTF8.GetBytes(NewtonsoftJsonSerializer.Instance.Serialize(value)));
        return Task.CompletedTask;
    }

    public Task DeleteAsync<T>(string key) => Task.CompletedTask;

    public Task<T> GetAsync<T>(string key)
    {
        if (!File.Exists(Path))
        {
            return Task.FromResult(default(T)!);
        }

        try
        {
            return Task.FromResult(NewtonsoftJsonSerializer.Instance.Deserialize<T>(File.ReadAllText(Path)));
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new GoogleAuthException($"{Path} is damaged ({ex.Message}); run `gphotosfs auth` again.");
        }
    }

    /// <summary>Identifies the file's current version (changes when `gphotosfs auth` or a refresh rewrites it); null when there is none.</summary>
    public string? Fingerprint()
    {
        var info = new FileInfo(Path);
        return info.Exists ? $"{info.LastWriteTimeUtc.Ticks}:{info.Length}" : null;
    }

    /// <summary>The refresh token stored now, or null when the file is missing or unreadable.</summary>
    public string? ReadRefreshToken()
    {
        try
        {
            return File.Exists(Path) ? NewtonsoftJsonSerializer.Instance.Deserialize<global::Google.Apis.Auth.OAuth2.Responses.TokenResponse>(File.ReadAllText(Path))?.RefreshToken : null;
        }
        catch (Exception ex) when (ex is IOException or Newtonsoft.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the stored token (before a fresh authorization).</summary>
    public Task ClearAsync()
    {
        File.Delete(Path);
        return Task.CompletedTask;
    }
}
