using System.Reflection;

namespace GPhotosFs.Cli;

/// <summary>This build's version as the log and --version show it (the informational version, with the commit when the build knew it).</summary>
internal static class ProgramVersion
{
    public static string Current { get; } =
        typeof(ProgramVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProgramVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
