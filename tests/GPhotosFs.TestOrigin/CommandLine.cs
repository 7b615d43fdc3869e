using System.Globalization;

namespace GPhotosFs.TestOrigin;

/// <summary>The standalone server's options, parsed by hand: a dozen flags do not justify a package.</summary>
internal sealed record CommandLine
{
    public const string Usage = """
        Usage: dotnet GPhotosFs.TestOrigin.dll --root DIR [options]

        A local HTTP origin emulating Google Photos' download URLs, for tests and benchmarks.
        Serves every file under DIR at GET/HEAD http://127.0.0.1:PORT/files/<relative path>,
        with Range support (206, 416, Accept-Ranges) and optional injected misbehaviour.
        Prints "listening on http://127.0.0.1:PORT" once ready; runs until SIGTERM or SIGINT,
        or until stdin closes when stdin is a pipe (so it dies with the script that started it).

        Options:
          --root DIR             directory to serve (required)
          --port N               TCP port on 127.0.0.1 (default 0: a free port, see the printed line)
          --latency-ms N         delay before the first byte of every answer (default 0)
          --bandwidth N          cap per response, in bytes per second (default 0: uncapped)
          --fault-rate F         share 0..1 of requests that meet a fault (default 0)
          --fault-kinds LIST     comma-separated kinds the fault rate draws from, equally weighted:
                                 500, 502, 503, 429, quota, reset, truncate, stall
                                 (default: all but quota)
          --retry-after-s N      Retry-After seconds on a 429 fault (default 1)
          --stall-ms N           how long a stall sends nothing before resuming (default 30000)
          --body-fault-at F      share 0..<1 of a body sent before reset/truncate/stall (default 0.5)
          --quota N              daily quota: after N requests every request answers 429
                                 RESOURCE_EXHAUSTED (default: none)
          --listings             answer GET /files/<folder>/ with an HTML index of the folder
                                 (for clients that browse, such as rclone's http backend)
          --seed N               seed of the fault decisions, for reproducible runs (default 1)
          -h, --help             show this help
        """;

    public string Root { get; private init; } = "";
    public int Port { get; private init; }
    public TimeSpan Latency { get; private init; }
    public long Bandwidth { get; private init; }
    public double FaultRate { get; private init; }
    public IReadOnlyDictionary<OriginFaultKind, double>? FaultKinds { get; private init; }
    public TimeSpan? RetryAfter { get; private init; }
    public TimeSpan? Stall { get; private init; }
    public double? BodyFaultAt { get; private init; }
    public long? Quota { get; private init; }
    public int Seed { get; private init; } = 1;
    public bool Listings { get; private init; }
    public bool Help { get; private init; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="FormatException"/> with a message for the user.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            // Both "--port 8080" and "--port=8080".
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value() => inline ?? (++i < args.Count ? args[i] : throw new FormatException($"{arg} needs a value"));

            result = arg switch
            {
                "-h" or "--help" => result with { Help = true },
                "--root" => result with { Root = Value() },
                "--port" => result with { Port = (int)Integer(arg, Value(), 0, 65535) },
                "--latency-ms" => result with { Latency = TimeSpan.FromMilliseconds(Integer(arg, Value(), 0, int.MaxValue)) },
                "--bandwidth" => result with { Bandwidth = Integer(arg, Value(), 0, long.MaxValue) },
                "--fault-rate" => result with { FaultRate = Fraction(arg, Value(), inclusiveOne: true) },
                "--fault-kinds" => result with { FaultKinds = Kinds(Value()) },
                "--retry-after-s" => result with { RetryAfter = TimeSpan.FromSeconds(Integer(arg, Value(), 0, int.MaxValue)) },
                "--stall-ms" => result with { Stall = TimeSpan.FromMilliseconds(Integer(arg, Value(), 0, int.MaxValue)) },
                "--body-fault-at" => result with { BodyFaultAt = Fraction(arg, Value(), inclusiveOne: false) },
                "--quota" => result with { Quota = Integer(arg, Value(), 0, long.MaxValue) },
                "--listings" => result with { Listings = true },
                "--seed" => result with { Seed = (int)Integer(arg, Value(), int.MinValue, int.MaxValue) },
                _ => throw new FormatException($"unknown option '{args[i]}'"),
            };
        }
        if (!result.Help && result.Root.Length == 0) throw new FormatException("--root DIR is required");
        return result;
    }

    private static long Integer(string option, string text, long min, long max) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{option}: '{text}' is not a whole number in {min}..{max}");

    private static double Fraction(string option, string text, bool inclusiveOne) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && (inclusiveOne ? value <= 1 : value < 1)
            ? value
            : throw new FormatException($"{option}: '{text}' is not a number in 0..{(inclusiveOne ? "1" : "<1")}");

    private static Dictionary<OriginFaultKind, double> Kinds(string list)
    {
        var kinds = new Dictionary<OriginFaultKind, double>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            kinds[name.ToLowerInvariant() switch
            {
                "500" => OriginFaultKind.InternalServerError,
                "502" => OriginFaultKind.BadGateway,
                "503" => OriginFaultKind.ServiceUnavailable,
                "429" => OriginFaultKind.TooManyRequests,
                "quota" => OriginFaultKind.QuotaExceeded,
                "reset" => OriginFaultKind.ConnectionReset,
                "truncate" => OriginFaultKind.TruncatedBody,
                "stall" => OriginFaultKind.Stall,
                _ => throw new FormatException($"--fault-kinds: unknown kind '{name}' (500, 502, 503, 429, quota, reset, truncate, stall)"),
            }] = 1;
        }
        return kinds.Count > 0 ? kinds : throw new FormatException("--fault-kinds: no kind given");
    }
}
