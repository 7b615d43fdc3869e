using GPhotosFs.Tests.Shared.Hosting;

namespace GPhotosFs.TestOrigin;

/// <summary>The standalone server for bench scripts: <c>dotnet GPhotosFs.TestOrigin.dll --root DIR --port N …</c> (see <c>--help</c>).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CommandLine options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"GPhotosFs.TestOrigin: {e.Message}\n\n{CommandLine.Usage}");
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }
        if (!Directory.Exists(options.Root))
        {
            await Console.Error.WriteLineAsync($"GPhotosFs.TestOrigin: --root {options.Root}: no such directory");
            return 2;
        }

        using var stop = new StopSignals(); // before the start, so a signal during it is not lost
        TestOriginServer server;
        try
        {
            server = await TestOriginServer.StartAsync(new OriginOptions
            {
                Port = options.Port,
                Seed = options.Seed,
                ServeUnsignedFiles = true,
                ServeListings = options.Listings,
                RequestLogCapacity = 0, // nobody reads the log of a standalone server; the counters are enough
            });
        }
        catch (IOException e)
        {
            // Mostly "address already in use": say so in one line rather than with a stack trace.
            await Console.Error.WriteLineAsync($"GPhotosFs.TestOrigin: cannot listen on 127.0.0.1:{options.Port}: {e.Message}");
            return 1;
        }
        await using var running = server;
        server.AddDirectory(options.Root);
        Configure(server.Faults, options);

        stop.WatchStdinIfPipe();
        Console.WriteLine($"listening on {server.BaseUri.GetLeftPart(UriPartial.Authority)}");
        Console.Out.Flush();

        await stop.Stopped;
        var counters = server.Counters;
        await Console.Error.WriteLineAsync($"GPhotosFs.TestOrigin: stopping after {counters.TotalRequests} requests, {counters.BytesSent} body bytes sent");
        return 0;
    }

    private static void Configure(OriginFaults faults, CommandLine options)
    {
        faults.Latency = options.Latency;
        faults.BandwidthBytesPerSecond = options.Bandwidth;
        faults.FaultRate = options.FaultRate;
        if (options.FaultKinds is { } kinds) faults.FaultMix = kinds;
        if (options.RetryAfter is { } retryAfter) faults.RetryAfter = retryAfter;
        if (options.Stall is { } stall) faults.StallDuration = stall;
        if (options.BodyFaultAt is { } at) faults.BodyFaultAt = at;
        faults.DailyQuota = options.Quota;
    }
}
