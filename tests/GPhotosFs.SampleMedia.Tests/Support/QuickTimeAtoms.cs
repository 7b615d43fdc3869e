using System.Buffers.Binary;
using System.Text;

namespace GPhotosFs.SampleMedia.Tests.Support;

/// <summary>An atom found in a movie: its type, where it starts, and its payload range.</summary>
internal sealed record QuickTimeAtom(string Type, int Offset, int PayloadOffset, int PayloadLength);

/// <summary>
/// A minimal, independent atom walker for checking the writer's output: containers are descended into,
/// leaf payloads are returned by path such as "moov/trak/mdia/minf/stbl/stsz".
/// </summary>
internal static class QuickTimeAtoms
{
    private static readonly HashSet<string> Containers = ["moov", "trak", "mdia", "minf", "dinf", "stbl", "udta"];

    public static Dictionary<string, QuickTimeAtom> Index(byte[] movie)
    {
        var atoms = new Dictionary<string, QuickTimeAtom>();
        Walk(movie, 0, movie.Length, "", atoms);
        return atoms;
    }

    private static void Walk(byte[] data, int start, int end, string prefix, Dictionary<string, QuickTimeAtom> atoms)
    {
        int pos = start;
        while (pos < end)
        {
            Assert.True(pos + 8 <= end, $"truncated atom header at {pos}");
            int size = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            Assert.True(size >= 8 && pos + size <= end, $"atom at {pos} has bad size {size}");
            string type = Encoding.Latin1.GetString(data, pos + 4, 4);
            string path = prefix + type;
            Assert.False(atoms.ContainsKey(path), $"duplicate atom {path}");
            atoms[path] = new QuickTimeAtom(type, pos, pos + 8, size - 8);
            if (Containers.Contains(type)) Walk(data, pos + 8, pos + size, path + "/", atoms);
            pos += size;
        }
        Assert.Equal(end, pos);
    }

    public static uint UInt32(byte[] data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
}
