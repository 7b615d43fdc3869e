namespace GPhotosFs.Library;

/// <summary>A config file that cannot be used; the message names the file (and the line, for bad JSON) and what to fix.</summary>
public sealed class ConfigException(string message, Exception? inner = null) : Exception(message, inner);
