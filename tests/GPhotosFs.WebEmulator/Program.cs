using System.Globalization;
using GPhotosFs.Tests.Shared.Hosting;

namespace GPhotosFs.WebEmulator;

/// <summary>
/// The standalone emulator for bench scripts: prints "listening on URL" and "session COOKIE=VALUE"
/// (a signed-in session to import), then stops on SIGTERM, SIGINT or when a piped stdin closes.
/// </summary>
public static class Program
{
    public const string Usage = """
        usage: GPhotosFs.WebEmulator [--port N] [--items N] [--albums N] [--seed N] [--locale en|nl|de]
                                     [--latency-ms N] [--video-every N] [--motion-every N]
        An emulated photos.google.com on 127.0.0.1. Prints "listening on URL" and "session SID=VALUE";
        stops on SIGTERM/SIGINT or when a piped stdin closes, printing its counters.
        """;

    public static async Task<int> Main(string[] args)
    {
        var options = new WebEmulatorOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                int Number() => int.Parse(Next(), CultureInfo.InvariantCulture);
                options = args[i] switch
                {
                    "--port" => options with { Port = Number() },
                    "--items" => options with { ItemCount = Number() },
                    "--albums" => options with { AlbumCount = Number() },
                    "--seed" => options with { Seed = Number() },
                    "--locale" => options with { Locale = Next() },
                    "--latency-ms" => options with { Latency = TimeSpan.FromMilliseconds(Number()) },
                    "--video-every" => options with { VideoEvery = Number() },
                    "--motion-every" => options with { MotionEvery = Number() },
                    "--help" or "-h" => throw new HelpRequested(),
                    _ => throw new FormatException($"unknown option {args[i]}"),
                };
            }
        }
        catch (HelpRequested)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"GPhotosFs.WebEmulator: {e.Message}\n{Usage}");
            return 2;
        }

        using var stop = new StopSignals();
        await using var server = await WebEmulatorServer.StartAsync(options);
        Console.WriteLine($"listening on {server.BaseUri}");
        Console.WriteLine($"session {WebEmulatorServer.SessionCookie}={server.IssueSession()}");
        Console.Out.Flush();
        stop.WatchStdinIfPipe();
        await stop.Stopped;
        await Console.Error.WriteLineAsync($"GPhotosFs.WebEmulator: {server.Counters.ItemPages} item pages, {server.Counters.Downloads} downloads, {server.Counters.GridLoads} grid loads");
        return 0;
    }

    private sealed class HelpRequested : Exception;
}
