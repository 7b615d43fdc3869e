namespace GPhotosFs.Takeout.Samples;

/// <summary>One file of a generated export: its path inside the archive, its bytes, and which part it goes in (null: spread round-robin).</summary>
public sealed record TakeoutMember(string Path, byte[] Bytes, int? Part = null, DateTimeOffset? Modified = null);
