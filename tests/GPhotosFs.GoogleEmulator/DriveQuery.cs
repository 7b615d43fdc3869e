using System.Text;

namespace GPhotosFs.GoogleEmulator;

/// <summary>
/// The subset of Drive's <c>q</c> language gphotosfs sends, terms joined by <c>and</c>:
/// <c>'ID' in parents</c>, <c>name = 'X'</c>, <c>name != 'X'</c>, <c>name contains 'X'</c> (Drive:
/// case-insensitive prefix match on the name or one of its words), <c>mimeType = 'X'</c>,
/// <c>mimeType != 'X'</c>, <c>trashed = true|false</c>. Strings escape <c>'</c> and <c>\</c> with a
/// backslash. Anything else is refused, as Drive refuses what it cannot parse (400 "Invalid Value").
/// </summary>
public static class DriveQuery
{
    /// <summary>The filter, or null when the query is outside the subset or malformed.</summary>
    public static Func<DriveFile, bool>? Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return _ => true;
        var tokens = Tokens(query);
        if (tokens is null) return null;
        var terms = new List<Func<DriveFile, bool>>();
        var at = 0;
        while (true)
        {
            if (Term(tokens, ref at) is not { } term) return null;
            terms.Add(term);
            if (at == tokens.Count) break;
            if (!tokens[at].Is("and")) return null;
            at++;
        }

        return file => terms.All(t => t(file));
    }

    private static Func<DriveFile, bool>? Term(List<Token> tokens, ref int at)
    {
        if (at + 3 > tokens.Count) return null;
        var (a, op, b) = (tokens[at], tokens[at + 1], tokens[at + 2]);
        at += 3;
        if (a.Quoted && op.Is("in") && b.Is("parents")) return f => f.Parent == a.Text;
        if (a.Quoted || !b.Quoted && !a.Is("trashed")) return null;
        switch (a.Text)
        {
            case "name" when op.Text == "=": return f => f.Name == b.Text;
            case "name" when op.Text == "!=": return f => f.Name != b.Text;
            case "name" when op.Is("contains"): return f => NameContains(f.Name, b.Text);
            case "mimeType" when op.Text == "=": return f => f.MimeType == b.Text;
            case "mimeType" when op.Text == "!=": return f => f.MimeType != b.Text;
            case "trashed" when op.Text == "=" && !b.Quoted && (b.Is("true") || b.Is("false")):
                var wanted = b.Is("true");
                return f => f.Trashed == wanted;
            default: return null;
        }
    }

    private static bool NameContains(string name, string text) =>
        name.StartsWith(text, StringComparison.OrdinalIgnoreCase) ||
        name.Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(text, StringComparison.OrdinalIgnoreCase));

    private static List<Token>? Tokens(string query)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= query.Length) return null; // unterminated string
                    if (query[i] == '\\' && i + 1 < query.Length)
                    {
                        text.Append(query[i + 1]);
                        i += 2;
                    }
                    else if (query[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        text.Append(query[i++]);
                    }
                }

                tokens.Add(new Token(text.ToString(), true));
            }
            else if (c is '=' or '!')
            {
                if (c == '!' && (i + 1 >= query.Length || query[i + 1] != '=')) return null;
                tokens.Add(new Token(c == '!' ? "!=" : "=", false));
                i += c == '!' ? 2 : 1;
            }
            else
            {
                var start = i;
                while (i < query.Length && (char.IsLetterOrDigit(query[i]) || query[i] == '_')) i++;
                if (i == start) return null;
                tokens.Add(new Token(query[start..i], false));
            }
        }

        return tokens;
    }

    private readonly record struct Token(string Text, bool Quoted)
    {
        public bool Is(string word) => !Quoted && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
    }
}
