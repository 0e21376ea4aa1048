using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>
/// Block sizes for one microkernel, derived from the register file and the host's caches (<see cref="CacheSizes"/>)
/// rather than tuned for one CPU:
/// the register tile is the largest whose accumulators (2·MR vectors), two B vectors and one broadcast A value fit the
/// vector registers (32 with AVX-512, 16 with AVX2); an MR×KC sliver of A fills at most half of L1 (and KC ≤ 512), so it stays there
/// while B's slivers stream past it; a KC×NC panel of B takes at most half of L2 and a block of A's rows a quarter, so
/// both stay in L2 while the tiles run.
/// </summary>
internal readonly record struct Tiling(GemmPath Path, int Mr, int Nr, int Kc, int RowSlivers, int ColSlivers)
{
    /// <summary>Rows of A from which the tall tile pays: fewer rows leave too few slivers to share among the cores evenly.</summary>
    const int TallFrom = 256;

    public static Tiling For<T>(GemmPath path, int rows) where T : unmanaged => For<T>(path, rows, CacheSizes.Host);

    public static unsafe Tiling For<T>(GemmPath path, int rows, CacheSizes caches) where T : unmanaged
    {
        var chosen = path != GemmPath.Auto ? path
            : Vector512.IsHardwareAccelerated ? (rows >= TallFrom ? GemmPath.Vector512Tall : GemmPath.Vector512)
            : Vector256.IsHardwareAccelerated ? GemmPath.Vector256
            : GemmPath.Scalar;
        var (mr, nr) = chosen switch
        {
            GemmPath.Vector512 => (GemmTiles.Rows512, 2 * Vector512<T>.Count),
            GemmPath.Vector512Tall => (GemmTiles.Rows512Tall, 2 * Vector512<T>.Count),
            GemmPath.Vector256 => (GemmTiles.Rows256, 2 * Vector256<T>.Count),
            _ => (GemmTiles.RowsScalar, GemmTiles.ColsScalar),
        };
        var size = sizeof(T);
        // At most 512 steps: a longer sliver gains nothing and its B slivers, streaming past the A sliver, push it out of
        // L1 (the AVX2 tile at KC = 1024 ran one core at 74% of peak, at 512 at 86%).
        var kc = Math.Clamp(caches.L1 / 2 / (mr * size) / 8 * 8, 64, 512);
        var rowSlivers = Math.Max(1, caches.L2 / 4 / (kc * size) / mr);
        var colSlivers = Math.Max(1, caches.L2 / 2 / (kc * size) / nr);
        return new(chosen, mr, nr, kc, rowSlivers, colSlivers);
    }

    /// <summary>
    /// The KC step for an inner dimension k: k cut into as few steps of at most <see cref="Kc"/> as possible, of
    /// near-equal length (k = 784 with KC = 512 runs as 392 + 392, not 512 + 272: both halves keep the tiles' loops long).
    /// </summary>
    public int StepFor(int k)
    {
        var steps = (k + Kc - 1) / Kc;
        return steps <= 1 ? Math.Max(k, 1) : (k + steps - 1) / steps;
    }
}
