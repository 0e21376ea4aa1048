using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>
/// C = Σ_t A_t·B_t for strided operands (one term is a plain product; several are a product whose inner dimension
/// runs over a batch). Packed and cache-blocked as GotoBLAS/BLIS do: for each panel of NC columns and KC steps of
/// the inner dimension, the panel of B is packed once (by all cores) and stays in L2, then each core packs its own
/// block of A rows and runs the register tiles of <see cref="GemmTiles"/> over it (see <see cref="GemmBlocks"/>).
/// Operands are read through their strides, so transposed and broadcast operands are never copied first.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Multiply-adds below which one core is faster than sharing the work.</summary>
    internal const long ParallelWork = 1L << 18;

    /// <summary>C = A·B; C's rows must be contiguous (ColStride 1). Parallel over all cores when the work is large; blocked for <paramref name="caches"/> (the host's unless a test asks for others).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, MatrixLayout la, ReadOnlySpan<T> b, MatrixLayout lb, Span<T> c, MatrixLayout lc,
        GemmPath path = GemmPath.Auto, bool parallel = true, CacheSizes? caches = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(la, [la.Offset], a.Length, lb, [lb.Offset], b.Length, lc, [lc.Offset], c.Length);
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
            GemmBlocks.Run(new Operands<T>(pa, la, [la.Offset], pb, lb, [lb.Offset]), 0, 1, pc, lc, Tiling.For<T>(path, la.Rows, caches ?? CacheSizes.Host), parallel);
    }

    /// <summary>
    /// count products C_i = A_i·B_i with A_i at <paramref name="aOffsets"/>[i] and B_i at <paramref name="bOffsets"/>[i]
    /// (a repeated offset reads a broadcast operand in place); C_i is row-major at i·m·n.
    /// Many small products run one per core; large ones run one after another, each on all cores.
    /// </summary>
    public static void Batched<T>(ReadOnlySpan<T> a, MatrixLayout la, int[] aOffsets, ReadOnlySpan<T> b, MatrixLayout lb, int[] bOffsets,
        Span<T> c, GemmPath path = GemmPath.Auto) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = (la.Rows, lb.Cols, la.Cols);
        var lc = MatrixLayout.RowMajor(m, n);
        if (aOffsets.Length != bOffsets.Length)
            throw new ArgumentException($"gemm: {aOffsets.Length} A offsets but {bOffsets.Length} B offsets; one B per A.");
        Check(la, aOffsets, a.Length, lb, bOffsets, b.Length, lc, [], c.Length);
        if ((long)aOffsets.Length * m * n > c.Length)                   // C_i is row-major at i·m·n
            throw new ArgumentException($"gemm: {aOffsets.Length} products of [{m}×{n}] need {(long)aOffsets.Length * m * n} elements of C, but it holds {c.Length}.");
        var tiling = Tiling.For<T>(path, la.Rows);
        var count = aOffsets.Length;
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
        {
            var x = new Operands<T>(pa, la, aOffsets, pb, lb, bOffsets);
            if (count > 1 && (long)m * n * k < ParallelWork && (long)m * n * k * count >= ParallelWork)
            {
                nint xc = (nint)pc;
                Workers.For(count, i => GemmBlocks.Run(x, i, i + 1, (T*)xc + (nint)i * m * n, lc, tiling, parallel: false));
            }
            else
                for (var i = 0; i < count; i++)
                    GemmBlocks.Run(x, i, i + 1, pc + (nint)i * m * n, lc, tiling, parallel: true);
        }
    }

    /// <summary>
    /// C = Σ_i A_i·B_i over count pairs (A_i at <paramref name="aOffsets"/>[i], B_i at <paramref name="bOffsets"/>[i]):
    /// one product whose inner dimension runs over the batch, e.g. a weight's gradient summed over the examples.
    /// A small C with a long batch is split by batch across cores (each core sums its share, then the shares are added).
    /// </summary>
    public static void BatchedSum<T>(ReadOnlySpan<T> a, MatrixLayout la, int[] aOffsets, ReadOnlySpan<T> b, MatrixLayout lb, int[] bOffsets,
        Span<T> c, MatrixLayout lc, GemmPath path = GemmPath.Auto) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (aOffsets.Length != bOffsets.Length)
            throw new ArgumentException($"gemm: {aOffsets.Length} A offsets but {bOffsets.Length} B offsets; the batch sizes must agree.");
        Check(la, aOffsets, a.Length, lb, bOffsets, b.Length, lc, [lc.Offset], c.Length);
        var tiling = Tiling.For<T>(path, la.Rows);
        var (m, n, k, count) = (la.Rows, lb.Cols, la.Cols, aOffsets.Length);
        var shares = Math.Min(count, Workers.Count);
        var work = (long)m * n * k * count;
        // Splitting C itself keeps every core busy only when C has enough row slivers for all of them. Each extra share
        // costs an m×n buffer and its addition: worth it only while that stays under an eighth of the work.
        var byBatch = shares > 1 && work >= ParallelWork && (m + tiling.Mr - 1) / tiling.Mr < 4 * Workers.Count
            && 8L * (shares - 1) * m * n <= work;
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
        {
            var x = new Operands<T>(pa, la, aOffsets, pb, lb, bOffsets);
            if (!byBatch)
            {
                GemmBlocks.Run(x, 0, count, pc, lc, tiling, parallel: true);
                return;
            }
            ShareSum.Run<T>(pc, lc, shares, (s, target, layout) =>
            {
                var (first, last) = Workers.Part(count, shares, s);
                GemmBlocks.Run(x, first, last, target, layout, tiling, parallel: false);
            });
        }
    }

    /// <summary>The sizes agree and every term's A, B and C lie inside their buffers: checked before any pointer is taken.</summary>
    static void Check(MatrixLayout la, ReadOnlySpan<int> aOffsets, int aLength, MatrixLayout lb, ReadOnlySpan<int> bOffsets, int bLength, MatrixLayout lc, ReadOnlySpan<int> cOffsets, int cLength)
    {
        if (la.Cols != lb.Rows || lc.Rows != la.Rows || lc.Cols != lb.Cols || lc.ColStride != 1)
            throw new ArgumentException($"gemm: [{la.Rows}×{la.Cols}]·[{lb.Rows}×{lb.Cols}] into [{lc.Rows}×{lc.Cols}] (column stride {lc.ColStride}) does not fit; the inner sizes must agree and C's rows must be contiguous.");
        la.RequireInside("gemm", "A", aLength, aOffsets);
        lb.RequireInside("gemm", "B", bLength, bOffsets);
        lc.RequireInside("gemm", "C", cLength, cOffsets);
    }
}

/// <summary>The terms of C = Σ_t A_t·B_t: two base pointers, one layout each, and where each term's matrices start.</summary>
internal readonly unsafe struct Operands<T>(T* a, MatrixLayout la, int[] aOffsets, T* b, MatrixLayout lb, int[] bOffsets) where T : unmanaged
{
    public readonly T* A = a, B = b;
    readonly MatrixLayout La = la, Lb = lb;
    readonly int[] AOffsets = aOffsets, BOffsets = bOffsets;

    public int K => La.Cols;
    public MatrixLayout TermA(int t) => La.At(AOffsets[t]);
    public MatrixLayout TermB(int t) => Lb.At(BOffsets[t]);
}
