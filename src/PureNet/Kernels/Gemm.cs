using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>
/// C = A·B for strided operands: packed, cache-blocked (KC steps of the inner dimension, so an A sliver stays in L1
/// while B slivers stream from L2), register-tiled by <see cref="GemmTiles"/>, and spread over all cores in blocks of
/// C. Operands are read through their strides, so transposed and broadcast operands are never copied first.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Multiply-adds below which one thread is faster than waking others.</summary>
    const long ParallelWork = 1L << 19;

    readonly record struct Tiling(GemmPath Path, int Mr, int Nr, int Kc, int RowSlivers, int ColSlivers);

    static Tiling For<T>(GemmPath path) where T : unmanaged
    {
        var chosen = path != GemmPath.Auto ? path
            : Vector512.IsHardwareAccelerated ? GemmPath.Vector512
            : Vector256.IsHardwareAccelerated ? GemmPath.Vector256
            : GemmPath.Scalar;
        var (mr, nr) = chosen switch
        {
            GemmPath.Vector512 => (GemmTiles.Rows512, 2 * Vector512<T>.Count),
            GemmPath.Vector256 => (GemmTiles.Rows256, 2 * Vector256<T>.Count),
            _ => (GemmTiles.RowsScalar, GemmTiles.ColsScalar),
        };
        var kc = 2048 / sizeof(T);                                    // an MR×KC sliver of A: 16 KB, kept in L1
        var rowSlivers = Math.Max(1, 96 / mr);                         // ~96 rows of C per block
        var colSlivers = Math.Max(1, 512 * 1024 / (kc * sizeof(T) * nr)); // a KC×NC block of B: 512 KB, kept in L2
        return new(chosen, mr, nr, kc, rowSlivers, colSlivers);
    }

    /// <summary>C = A·B; C's rows must be contiguous (ColStride 1). Parallel over blocks of C when the work is large.</summary>
    public static void Multiply<T>(ReadOnlySpan<T> a, MatrixLayout la, ReadOnlySpan<T> b, MatrixLayout lb, Span<T> c, MatrixLayout lc,
        GemmPath path = GemmPath.Auto, bool parallel = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(la, lb, lc);
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
            Run(pa, la, pb, lb, pc, lc, For<T>(path), parallel);
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
        Check(la, lb, lc);
        var tiling = For<T>(path);
        var count = aOffsets.Length;
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
        {
            if (count > 1 && (long)m * n * k < ParallelWork && (long)m * n * k * count >= ParallelWork)
            {
                nint xa = (nint)pa, xb = (nint)pb, xc = (nint)pc;
                Parallel.For(0, count, i => Run((T*)xa, la.At(aOffsets[i]), (T*)xb, lb.At(bOffsets[i]), (T*)xc + (nint)i * m * n, lc, tiling, parallel: false));
            }
            else
                for (var i = 0; i < count; i++)
                    Run(pa, la.At(aOffsets[i]), pb, lb.At(bOffsets[i]), pc + (nint)i * m * n, lc, tiling, parallel: true);
        }
    }

    static void Check(MatrixLayout la, MatrixLayout lb, MatrixLayout lc)
    {
        if (la.Cols != lb.Rows || lc.Rows != la.Rows || lc.Cols != lb.Cols || lc.ColStride != 1)
            throw new ArgumentException($"gemm: [{la.Rows}×{la.Cols}]·[{lb.Rows}×{lb.Cols}] into [{lc.Rows}×{lc.Cols}] (column stride {lc.ColStride}) does not fit; the inner sizes must agree and C's rows must be contiguous.");
    }

    static void Run<T>(T* a, MatrixLayout la, T* b, MatrixLayout lb, T* c, MatrixLayout lc, Tiling t, bool parallel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k) = (la.Rows, lb.Cols, la.Cols);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            for (var i = 0; i < m; i++) new Span<T>(c + lc.Offset + (nint)i * lc.RowStride, n).Clear();
            return;
        }
        var mSlivers = (m + t.Mr - 1) / t.Mr;
        var nSlivers = (n + t.Nr - 1) / t.Nr;
        var kcMax = Math.Min(t.Kc, k);
        var aBuf = ArrayPool<T>.Shared.Rent(mSlivers * t.Mr * kcMax);
        var bBuf = ArrayPool<T>.Shared.Rent(nSlivers * t.Nr * kcMax);
        try
        {
            fixed (T* ap = aBuf) fixed (T* bp = bBuf)
            {
                nint xa = (nint)a, xb = (nint)b, xc = (nint)c, xap = (nint)ap, xbp = (nint)bp;
                var rowBlocks = (mSlivers + t.RowSlivers - 1) / t.RowSlivers;
                var colBlocks = (nSlivers + t.ColSlivers - 1) / t.ColSlivers;
                for (var p0 = 0; p0 < k; p0 += t.Kc)
                {
                    var kc = Math.Min(t.Kc, k - p0);
                    var first = p0 == 0;
                    var wide = parallel && (long)m * n * kc >= ParallelWork;
                    if (wide)
                    {
                        var start = p0;
                        Parallel.Invoke(
                            () => GemmPack.A((T*)xa, la, start, kc, t.Mr, 0, mSlivers, (T*)xap),
                            () => GemmPack.B((T*)xb, lb, start, kc, t.Nr, 0, nSlivers, (T*)xbp));
                        Parallel.For(0, rowBlocks * colBlocks, block => Block((T*)xap, (T*)xbp, (T*)xc, lc, m, n, kc, block / colBlocks, block % colBlocks, t, !first));
                    }
                    else
                    {
                        GemmPack.A(a, la, p0, kc, t.Mr, 0, mSlivers, ap);
                        GemmPack.B(b, lb, p0, kc, t.Nr, 0, nSlivers, bp);
                        for (var block = 0; block < rowBlocks * colBlocks; block++)
                            Block(ap, bp, c, lc, m, n, kc, block / colBlocks, block % colBlocks, t, !first);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(aBuf);
            ArrayPool<T>.Shared.Return(bBuf);
        }
    }

    /// <summary>One block of C: each A sliver stays in L1 while the block's B slivers stream past it.</summary>
    static void Block<T>(T* ap, T* bp, T* c, MatrixLayout lc, int m, int n, int kc, int rowBlock, int colBlock, Tiling t, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sEnd = Math.Min((rowBlock + 1) * t.RowSlivers, (m + t.Mr - 1) / t.Mr);
        var uEnd = Math.Min((colBlock + 1) * t.ColSlivers, (n + t.Nr - 1) / t.Nr);
        var edge = stackalloc T[t.Mr * t.Nr];
        for (var s = rowBlock * t.RowSlivers; s < sEnd; s++)
        {
            var aSliver = ap + (nint)s * t.Mr * kc;
            var i0 = s * t.Mr;
            var rows = Math.Min(t.Mr, m - i0);
            for (var u = colBlock * t.ColSlivers; u < uEnd; u++)
            {
                var bSliver = bp + (nint)u * t.Nr * kc;
                var j0 = u * t.Nr;
                var cols = Math.Min(t.Nr, n - j0);
                var cTile = c + lc.Offset + (nint)i0 * lc.RowStride + j0;
                if (rows == t.Mr && cols == t.Nr)
                {
                    Tile(t.Path, kc, aSliver, bSliver, cTile, lc.RowStride, accumulate);
                    continue;
                }
                // A partial tile is computed whole into a scratch tile and only its valid part is written.
                Tile(t.Path, kc, aSliver, bSliver, edge, t.Nr, accumulate: false);
                for (var i = 0; i < rows; i++)
                    for (var j = 0; j < cols; j++)
                    {
                        ref var dst = ref cTile[(nint)i * lc.RowStride + j];
                        dst = accumulate ? dst + edge[i * t.Nr + j] : edge[i * t.Nr + j];
                    }
            }
        }
    }

    static void Tile<T>(GemmPath path, int kc, T* a, T* b, T* c, nint ldc, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (path)
        {
            case GemmPath.Vector512: GemmTiles.Tile512(kc, a, b, c, ldc, accumulate); break;
            case GemmPath.Vector256: GemmTiles.Tile256(kc, a, b, c, ldc, accumulate); break;
            default: GemmTiles.TileScalar(kc, a, b, c, ldc, accumulate); break;
        }
    }
}
