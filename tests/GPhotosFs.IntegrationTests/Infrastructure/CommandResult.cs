namespace GPhotosFs.IntegrationTests.Infrastructure;

internal sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public CommandResult AssertSuccess(string what)
    {
        Assert.True(ExitCode == 0, $"{what} exited {ExitCode}: {Stderr}{Stdout}");
        return this;
    }
}
