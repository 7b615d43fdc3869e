namespace GPhotosFs.TestOrigin.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_every_option_in_both_spellings()
    {
        var options = CommandLine.Parse([
            "--root", "/srv", "--port=8080", "--latency-ms", "20", "--bandwidth=1000000", "--fault-rate", "0.25",
            "--fault-kinds", "503, reset,stall", "--retry-after-s", "5", "--stall-ms", "1500", "--body-fault-at", "0.1",
            "--quota", "10000", "--seed", "-3",
        ]);

        Assert.Equal("/srv", options.Root);
        Assert.Equal(8080, options.Port);
        Assert.Equal(TimeSpan.FromMilliseconds(20), options.Latency);
        Assert.Equal(1_000_000, options.Bandwidth);
        Assert.Equal(0.25, options.FaultRate);
        Assert.Equal([OriginFaultKind.ServiceUnavailable, OriginFaultKind.ConnectionReset, OriginFaultKind.Stall], options.FaultKinds!.Keys);
        Assert.Equal(TimeSpan.FromSeconds(5), options.RetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), options.Stall);
        Assert.Equal(0.1, options.BodyFaultAt);
        Assert.Equal(10000, options.Quota);
        Assert.Equal(-3, options.Seed);
    }

    [Theory]
    [InlineData("--port", "8080")] // no --root
    [InlineData("--root", "/srv", "--port", "70000")]
    [InlineData("--root", "/srv", "--fault-rate", "2")]
    [InlineData("--root", "/srv", "--fault-kinds", "404")]
    [InlineData("--root", "/srv", "--body-fault-at", "1")]
    [InlineData("--root", "/srv", "--latency-ms")] // missing value
    [InlineData("--root", "/srv", "--verbose")]
    public void Refuses_bad_command_lines_with_a_message(params string[] args)
    {
        var error = Assert.Throws<FormatException>(() => CommandLine.Parse(args));
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void Help_needs_no_root()
    {
        Assert.True(CommandLine.Parse(["-h"]).Help);
    }
}
