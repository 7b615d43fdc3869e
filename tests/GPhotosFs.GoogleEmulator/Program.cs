using System.Globalization;
using GPhotosFs.Tests.Shared.Hosting;

namespace GPhotosFs.GoogleEmulator;

/// <summary>
/// The standalone emulator for bench scripts:
/// <c>dotnet GPhotosFs.GoogleEmulator.dll [--port N] [--items N] [--albums N] [--seed N] [--url-lifetime SECONDS]
/// [--api-quota N] [--media-quota N] [--client-secret-out FILE]</c>. Prints "listening on URL", then
/// stops on SIGTERM, SIGINT or when stdin (a pipe) closes, printing its request counters to stderr.
/// </summary>
public static class Program
{
    public const string Usage = """
        usage: GPhotosFs.GoogleEmulator [--port N] [--items N] [--albums N] [--seed N] [--video-every N]
                                        [--url-lifetime SECONDS] [--api-quota N] [--media-quota N]
                                        [--photo-width PX] [--photo-height PX]
                                        [--client-secret-out FILE]
                                        [--drive-folder DIR]... [--drive-latency-ms MS]
        An emulated Google account (OAuth, Photos Library API, Picker API, media downloads, Drive v3) on 127.0.0.1.
        --drive-folder DIR uploads DIR's files into a Drive folder "Takeout" (once per option: several folders).
        Prints "listening on URL"; stops on SIGTERM/SIGINT or when a piped stdin closes, printing counters.
        """;

    public static async Task<int> Main(string[] args)
    {
        var options = new EmulatorOptions();
        string? secretOut = null;
        var driveFolders = new List<string>();
        var driveLatency = TimeSpan.Zero;
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
                long Number() => long.Parse(Next(), CultureInfo.InvariantCulture);
                options = args[i] switch
                {
                    "--port" => options with { Port = (int)Number() },
                    "--items" => options with { ItemCount = (int)Number() },
                    "--albums" => options with { AlbumCount = (int)Number() },
                    "--seed" => options with { Seed = (int)Number() },
                    "--video-every" => options with { VideoEvery = (int)Number() },
                    "--url-lifetime" => options with { UrlLifetime = TimeSpan.FromSeconds(Number()) },
                    "--api-quota" => options with { ApiDailyQuota = Number() },
                    "--media-quota" => options with { MediaDailyQuota = Number() },
                    "--photo-width" => options with { PhotoWidth = (int)Number() },
                    "--photo-height" => options with { PhotoHeight = (int)Number() },
                    "--client-secret-out" => SetSecretOut(options, Next(), out secretOut),
                    "--drive-folder" => Keep(options, () => driveFolders.Add(Next())),
                    "--drive-latency-ms" => Keep(options, () => driveLatency = TimeSpan.FromMilliseconds(Number())),
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
            await Console.Error.WriteLineAsync($"GPhotosFs.GoogleEmulator: {e.Message}\n{Usage}");
            return 2;
        }

        using var stop = new StopSignals();
        await using var server = await GoogleEmulatorServer.StartAsync(options);
        if (secretOut is not null) await File.WriteAllTextAsync(secretOut, server.ClientSecretJson());
        foreach (var folder in driveFolders) server.Drive.AddFolderOfFiles(folder);
        server.Faults.DriveLatency = driveLatency;
        stop.WatchStdinIfPipe();
        Console.WriteLine($"listening on {server.BaseUri}");
        Console.Out.Flush();
        await stop.Stopped;
        await Console.Error.WriteLineAsync($"GPhotosFs.GoogleEmulator: api requests {server.Counters.ApiRequests}, media requests {server.Counters.MediaRequests}; " +
            string.Join(", ", server.Counters.Snapshot().Select(p => $"{p.Key} {p.Value}")));
        return 0;
    }

    private static EmulatorOptions Keep(EmulatorOptions options, Action set)
    {
        set();
        return options;
    }

    private static EmulatorOptions SetSecretOut(EmulatorOptions options, string path, out string? secretOut)
    {
        secretOut = path;
        return options;
    }

    private sealed class HelpRequested : Exception;
}
