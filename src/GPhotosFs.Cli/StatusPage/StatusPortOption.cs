using System.Globalization;

namespace GPhotosFs.Cli.StatusPage;

/// <summary><c>-o status_port=PORT</c>: serve the status page and /metrics on 127.0.0.1:PORT while mounted.</summary>
internal static class StatusPortOption
{
    public const string OptionName = "status_port";

    /// <summary>Takes <c>status_port=PORT</c> out of <c>-o</c> option lists (the rest go to the mount's parser).</summary>
    /// <exception cref="ArgumentException">The value is not a port number.</exception>
    public static (string[] Remaining, int? Port) Extract(IEnumerable<string> optionLists)
    {
        int? port = null;
        var rest = new List<string>();
        foreach (var list in optionLists)
        {
            var kept = new List<string>();
            foreach (var option in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (option.StartsWith(OptionName + "=", StringComparison.Ordinal))
                {
                    port = Parse(option[(OptionName.Length + 1)..], option);
                }
                else
                {
                    kept.Add(option);
                }
            }

            if (kept.Count > 0)
            {
                rest.Add(string.Join(',', kept));
            }
        }

        return (rest.ToArray(), port);
    }

    public static int Parse(string value, string what) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new ArgumentException($"{what}: give a TCP port between 1 and 65535 (the page listens on 127.0.0.1 only).");
}
