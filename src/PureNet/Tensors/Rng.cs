namespace PureNet;

/// <summary>
/// A pure random generator state (SplitMix64): every draw returns the next state, so the same seed gives
/// bit-identical results and no hidden global state is touched.
/// </summary>
/// <param name="State">The 64-bit state; <see cref="FromSeed"/> makes one from a seed.</param>
public readonly record struct Rng(ulong State)
{
    /// <summary>The generator state for a seed (the seed's bits mixed, so nearby seeds give unrelated streams).</summary>
    /// <param name="seed">Any integer.</param>
    /// <returns>The state.</returns>
    public static Rng FromSeed(int seed) => new(0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed * 0xBF58476D1CE4E5B9UL);

    /// <summary>The next 64 random bits and the state after them.</summary>
    /// <returns>The bits and the next state.</returns>
    public (ulong Bits, Rng Next) NextBits()
    {
        var s = State + 0x9E3779B97F4A7C15UL;
        var z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (z ^ (z >> 31), new Rng(s));
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>The value and the next state.</returns>
    public (double Value, Rng Next) NextDouble()
    {
        var (bits, next) = NextBits();
        return ((bits >> 11) * (1.0 / (1UL << 53)), next);
    }

    /// <summary>Two independent generators (JAX's split): one to use now, one to pass on.</summary>
    /// <returns>The two states.</returns>
    public (Rng Left, Rng Right) Split()
    {
        var (a, n1) = NextBits();
        var (b, _) = n1.NextBits();
        return (new Rng(a), new Rng(b));
    }

    /// <summary>Fills a fresh array with n draws of f and returns the state after them.</summary>
    internal (double[] Values, Rng Next) Draw(int n, Func<Rng, (double, Rng)> f)
    {
        var values = new double[n];
        var rng = this;
        for (var i = 0; i < n; i++) (values[i], rng) = f(rng);
        return (values, rng);
    }

    /// <summary>A standard normal draw (Box–Muller, one of the pair).</summary>
    /// <returns>The value (mean 0, standard deviation 1) and the next state.</returns>
    public (double Value, Rng Next) NextNormal()
    {
        var (u1, r1) = NextDouble();
        var (u2, r2) = r1.NextDouble();
        return (Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2), r2);
    }
}
