namespace Analytics.DemoData;

/// <summary>A small, fast, seedable generator (xoshiro256**) whose sequence never changes between .NET versions.</summary>
public struct FastRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public FastRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for one independent stream, e.g. (seed, town, feed); the same parts always give the same stream.</summary>
    public static FastRandom For(long seed, long a, long b = 0, long c = 0) => new(Mix(seed, a, b, c));

    /// <summary>Mixes the parts into one 64-bit seed (order matters).</summary>
    public static ulong Mix(long seed, long a, long b = 0, long c = 0)
    {
        var state = (ulong)seed;
        var h = SplitMix(ref state);
        foreach (var part in (ReadOnlySpan<long>)[a, b, c])
        {
            state = h ^ (ulong)part * 0x9E3779B97F4A7C15UL;
            h = SplitMix(ref state);
        }
        return h;
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : (int)((NextUInt64() >> 33) * (ulong)maxExclusive >> 31);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double probability) => NextDouble() < probability;

    public double Between(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Poisson count with mean <paramref name="lambda"/>; a normal approximation above 30 keeps it O(1).</summary>
    public int Poisson(double lambda)
    {
        if (lambda <= 0) return 0;
        if (lambda > 30) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * NextGaussian()));
        var limit = Math.Exp(-lambda);
        var product = NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }
        return count;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
