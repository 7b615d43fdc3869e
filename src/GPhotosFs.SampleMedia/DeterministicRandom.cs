namespace GPhotosFs.SampleMedia;

/// <summary>
/// SplitMix64: a tiny PRNG whose sequence is fixed by definition. System.Random's algorithm for a given
/// seed is an implementation detail that may change between runtimes, and sample media must be
/// byte-identical for the same seed on every machine and .NET version.
/// </summary>
internal struct DeterministicRandom(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 24 bits of precision (exactly representable as float).</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform in [min, max).</summary>
    public float NextFloat(float min, float max) => min + (max - min) * NextFloat();

    /// <summary>Uniform in [min, maxExclusive).</summary>
    public int NextInt(int min, int maxExclusive) => min + (int)(NextUInt64() % (ulong)(maxExclusive - min));
}
