using GPhotosFs.Vfs.Tree;

namespace GPhotosFs.Mount;

/// <summary>Which folders differ between two tree snapshots, and which of their names appeared or vanished.</summary>
internal static class TreeDiff
{
    public static List<(ulong Directory, List<byte[]> Names)> ChangedDirectories(LibraryTree before, LibraryTree after)
    {
        var changed = new List<(ulong, List<byte[]>)>();
        Visit(before, after.Root, changed);
        return changed;
    }

    private static void Visit(LibraryTree before, VfsDirectory dir, List<(ulong, List<byte[]>)> changed)
    {
        var old = before.Get(dir.Ino) as VfsDirectory;
        var names = new List<byte[]>();
        foreach (var child in dir.Children)
        {
            if (old?.Find(child.Name) is not { } previous || previous.Ino != child.Ino)
            {
                names.Add(child.Name.ToArray());
            }

            if (child is VfsDirectory sub)
            {
                Visit(before, sub, changed);
            }
        }

        if (old is not null)
        {
            names.AddRange(old.Children.Where(c => dir.Find(c.Name) is null).Select(c => c.Name.ToArray()));
        }

        if (names.Count > 0 || old is null || old.Children.Count != dir.Children.Count)
        {
            changed.Add((dir.Ino, names));
        }
    }
}
