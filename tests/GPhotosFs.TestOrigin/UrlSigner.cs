using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GPhotosFs.TestOrigin;

/// <summary>
/// Signs download URLs the way Google's baseUrls behave: a URL names an expiry, and it cannot be
/// stretched or pointed at another blob without breaking the HMAC. The URL generation of
/// <see cref="OriginFaults"/> is part of what is signed, so bumping it voids every URL issued before.
/// </summary>
internal sealed class UrlSigner(OriginOptions options, OriginFaults faults)
{
    // A fresh key per server: URLs of one test's origin never validate at another's.
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    // Without a lifetime URLs still carry an expiry, just one nobody reaches, so there is a single URL shape.
    private static readonly TimeSpan Forever = TimeSpan.FromDays(365 * 100);

    public string QueryFor(string id)
    {
        var exp = (options.TimeProvider.GetUtcNow() + (options.UrlLifetime ?? Forever)).ToUnixTimeSeconds();
        return $"exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={Sign(id, exp, faults.UrlGeneration)}";
    }

    public bool IsValid(string id, string? exp, string? sig)
    {
        if (sig is null || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expSeconds)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(id, expSeconds, faults.UrlGeneration));
        // Constant-time, out of habit: this is how a signature check should look even in a test double.
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig))) return false;
        return options.TimeProvider.GetUtcNow().ToUnixTimeSeconds() < expSeconds;
    }

    private string Sign(string id, long exp, int generation)
    {
        var payload = Encoding.UTF8.GetBytes($"{generation}\n{exp}\n{id}");
        return Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload));
    }
}
