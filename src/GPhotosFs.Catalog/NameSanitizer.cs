using System.Text;

namespace GPhotosFs.Catalog;

/// <summary>
/// Turns names from sources into names that every filesystem the tree may be copied to accepts,
/// and defines when two names collide. The rules are part of the catalog's stability promise:
/// changing them changes the names of newly added items, so change them only deliberately.
/// </summary>
public static class NameSanitizer
{
    /// <summary>Linux NAME_MAX: the longest file name component, in bytes of UTF-8.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>
    /// The longest text after the last dot that still counts as an extension. Longer "extensions"
    /// are usually sentences ("Mr. Smith's birthday..."), not file types.
    /// </summary>
    public const int MaxExtensionLength = 16;

    /// <summary>Stands in for every character that cannot appear in a name.</summary>
    public const char Replacement = '_';

    /// <summary>
    /// Returns a safe, NFC-normalized name of at most <see cref="MaxNameBytes"/> UTF-8 bytes:
    /// '/', NUL, C0/DEL/C1 controls, lone surrogates, U+FFFD and the noncharacters U+FFFE/U+FFFF
    /// become '_'; "", "." and ".."
    /// become "_"; an over-long name is cut on a code point boundary, keeping a file's extension.
    /// </summary>
    public static string Sanitize(string? name, NameKind kind = NameKind.File)
    {
        // Lone surrogates must go before normalizing: string.Normalize rejects them.
        string cleaned = NormalizeToNfc(ReplaceForbiddenCharacters(name ?? string.Empty));
        if (cleaned is "" or "." or "..")
        {
            return Replacement.ToString();
        }

        return FitToLimit(cleaned, suffix: string.Empty, kind);
    }

    /// <summary>
    /// Numbers an already sanitized name for the <paramref name="number"/>th occupant of a
    /// folder: "name (2).jpg". The stem is shortened as needed to stay within the byte limit.
    /// </summary>
    public static string AddCollisionSuffix(string sanitizedName, int number, NameKind kind = NameKind.File)
    {
        ArgumentNullException.ThrowIfNull(sanitizedName);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 2);
        return FitToLimit(sanitizedName, $" ({number})", kind);
    }

    /// <summary>
    /// The key under which names collide: case-insensitive (upper-invariant) and NFC, so the
    /// tree copies cleanly onto case-insensitive shares (SMB, exFAT, APFS).
    /// </summary>
    public static string ToCollisionKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToUpperInvariant().Normalize(NormalizationForm.FormC);
    }

    private static string ReplaceForbiddenCharacters(string name)
    {
        StringBuilder? builder = null;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool isPair = char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]);
            if (isPair)
            {
                builder?.Append(c).Append(name[i + 1]);
                i++;
                continue;
            }

            if (IsForbidden(c))
            {
                builder ??= new StringBuilder(name, 0, i, name.Length);
                builder.Append(Replacement);
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? name;
    }

    private static bool IsForbidden(char c) =>
        c == '/'
        || c < '\u0020'                  // NUL and the other C0 controls
        || c is >= '\u007F' and <= '\u009F' // DEL and C1 controls
        || char.IsSurrogate(c)           // only reached for a lone surrogate
        || c is '\uFFFD' or '\uFFFE' or '\uFFFF'; // decoding errors upstream; .NET refuses to normalize U+FFFE

    /// <summary>
    /// NFC-normalizes text free of lone surrogates. Should the platform's normalizer still refuse
    /// some code point (ICU versions differ), that code point is replaced rather than failing:
    /// one odd name must never stop a whole library from being named.
    /// </summary>
    private static string NormalizeToNfc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            var builder = new StringBuilder(text.Length);
            foreach (Rune rune in text.EnumerateRunes())
            {
                string single = rune.ToString();
                try
                {
                    single.Normalize(NormalizationForm.FormC);
                    builder.Append(single);
                }
                catch (ArgumentException)
                {
                    builder.Append(Replacement);
                }
            }

            return builder.ToString().Normalize(NormalizationForm.FormC);
        }
    }

    private static string FitToLimit(string name, string suffix, NameKind kind)
    {
        (string stem, string extension) = kind == NameKind.File ? SplitExtension(name) : (name, string.Empty);
        int stemBudget = MaxNameBytes - Encoding.UTF8.GetByteCount(suffix) - Encoding.UTF8.GetByteCount(extension);
        return TruncateUtf8(stem, stemBudget) + suffix + extension;
    }

    /// <summary>
    /// Splits off the last ".suffix" when it looks like a file type: not the whole name (".bashrc"
    /// has none), 1 to <see cref="MaxExtensionLength"/> characters, no whitespace.
    /// </summary>
    private static (string Stem, string Extension) SplitExtension(string name)
    {
        int dot = name.LastIndexOf('.');
        int length = name.Length - dot - 1;
        if (dot <= 0 || length is < 1 or > MaxExtensionLength)
        {
            return (name, string.Empty);
        }

        foreach (char c in name.AsSpan(dot + 1))
        {
            if (char.IsWhiteSpace(c))
            {
                return (name, string.Empty);
            }
        }

        return (name[..dot], name[dot..]);
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxBytes"/> of UTF-8, between code points.</summary>
    private static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        int bytes = 0;
        int index = 0;
        while (index < text.Length)
        {
            // A lone surrogate decodes as U+FFFD, which is also how UTF-8 encoding counts it.
            Rune.DecodeFromUtf16(text.AsSpan(index), out Rune rune, out int charsConsumed);
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            index += charsConsumed;
        }

        return text[..index];
    }
}
