namespace GPhotosFs.Google;

/// <summary>
/// gphotosfs has no working authorization: none yet, or Google refused it (a revoked or expired
/// grant, <c>invalid_grant</c>). The message says to run <c>gphotosfs auth</c> again; never a secret.
/// </summary>
public sealed class GoogleAuthException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string RunAuthAgain = "run `gphotosfs auth` again";
}
