namespace GPhotosFs.Mount;

/// <summary>The owner shown on every file and folder: the mounting user unless uid=/gid= say otherwise.</summary>
public readonly record struct MountIdentity(uint Uid, uint Gid);
