using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>
/// C = Σ_b A_b·B_b for a small C (few rows) whose operands both run contiguously along the inner dimension: A_b's rows
/// and B_b's columns (B_b read transposed). That is a convolution weight's gradient, G_b [F × P] times columns_b
/// [CKK × P]ᵀ summed over the batch, with an inner dimension of thousands and a C of a few hundred elements. A packed
/// GEMM would copy B into column slivers padded to the tile width (several times the operand) for a C that small;
/// here every C element is a dot product read straight from the operands, 4 × 3 of them at a time in vector
/// accumulators (512-bit where the CPU has them; 7 loads per 12 multiply-adds), and the batch is split across cores with the shares added at the end.
/// </summary>
internal static unsafe class DotSum
{
    const int TileRows = 4, TileCols = 3;

    /// <summary>Examples whose products a tile's accumulators sum before they are added across lanes (A's rows of a conv layer's chunk stay in L1).</summary>
    const int Chunk = 2;

    /// <summary>Multiply-adds below which one core does the whole sum.</summary>
    const long ParallelWork = 1L << 18;

    /// <summary>When this kernel beats the packed GEMM: both operands contiguous along k, few rows of A (kept in L1 while B's columns pass), k at least a vector.</summary>
    public static bool Fits<T>(MatrixLayout la, MatrixLayout lb) where T : unmanaged =>
        Vector256.IsHardwareAccelerated && la.ColStride == 1 && lb.RowStride == 1 && la.Rows <= 32 && la.Cols >= Vector256<T>.Count;

    public static void Run<T>(ReadOnlySpan<T> a, MatrixLayout la, int[] aOffsets, ReadOnlySpan<T> b, MatrixLayout lb, int[] bOffsets, Span<T> c, MatrixLayout lc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n, k, count) = (la.Rows, lb.Cols, la.Cols, aOffsets.Length);
        if (la.Cols != lb.Rows || lc.Rows != m || lc.Cols != n || lc.ColStride != 1 || !Fits<T>(la, lb) || aOffsets.Length != bOffsets.Length)
            throw new ArgumentException($"dot_sum: [{la.Rows}×{la.Cols}]·[{lb.Rows}×{lb.Cols}] into [{lc.Rows}×{lc.Cols}] needs matching sizes, k-contiguous operands and one B per A.");
        // Products reads term e's A at la.Offset + aOffsets[e] (and B likewise).
        la.RequireInside("dot_sum", "A", a.Length, aOffsets, la.Offset);
        lb.RequireInside("dot_sum", "B", b.Length, bOffsets, lb.Offset);
        lc.RequireInside("dot_sum", "C", c.Length, [lc.Offset]);
        var shares = (long)m * n * k * count >= ParallelWork ? Math.Min(count, Workers.Count) : 1;
        fixed (T* pa = a) fixed (T* pb = b) fixed (T* pc = c)
        {
            nint xa = (nint)pa, xb = (nint)pb;
            ShareSum.Run<T>(pc, lc, (int)shares, (s, target, layout) =>
            {
                var to = target + layout.Offset;
                for (var i = 0; i < m; i++) new Span<T>(to + (nint)i * layout.RowStride, n).Clear();
                for (var (e, end) = Workers.Part(count, (int)shares, s); e < end; e += Chunk)
                    Products((T*)xa + la.Offset, aOffsets, la.RowStride, (T*)xb + lb.Offset, bOffsets, lb.ColStride, e, Math.Min(end, e + Chunk), m, n, k, to, layout.RowStride);
            });
        }
    }

    /// <summary>
    /// C += Σ A_e·B_eᵀ over the examples e of one chunk: A_e's rows at a + aOffsets[e] + i·lda, B_eᵀ's rows (B's columns)
    /// at b + bOffsets[e] + j·ldb, each k long. A tile's accumulators run over the whole chunk (summed across lanes once
    /// per chunk, not per example). Column tiles outside, row tiles inside: B's three rows stay in L1 while A's few rows
    /// (also in L1) pass them, so each example's B is read from memory once.
    /// </summary>
    static void Products<T>(T* a, int[] aOffsets, nint lda, T* b, int[] bOffsets, nint ldb, int first, int end, int m, int n, int k, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (fullRows, fullCols) = (m - m % TileRows, n - n % TileCols);
        // The last vector of a row overlaps the one before; its lanes already counted are masked off in A.
        var (w256, w512) = (Vector256<T>.Count, Vector512<T>.Count);
        var tail256 = Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(w256 - k % w256)));
        var tail512 = Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(w512 - k % w512)));
        var wide = Vector512.IsHardwareAccelerated && k >= w512;
        for (var j = 0; j < fullCols; j += TileCols)
            for (var i = 0; i < fullRows; i += TileRows)
                if (wide) Tile512(a, aOffsets, lda, b, bOffsets, ldb, first, end, i, j, k, tail512, c + i * ldc + j, ldc);
                else Tile(a, aOffsets, lda, b, bOffsets, ldb, first, end, i, j, k, tail256, c + i * ldc + j, ldc);
        // The ragged edge: one dot product per element and example.
        for (var i = 0; i < m; i++)
            for (var j = i < fullRows ? fullCols : 0; j < n; j++)
                for (var e = first; e < end; e++)
                    c[i * ldc + j] += TensorPrimitives.Dot(new ReadOnlySpan<T>(a + aOffsets[e] + i * lda, k), new ReadOnlySpan<T>(b + bOffsets[e] + j * ldb, k));
    }

    /// <summary>A 4×3 block of C: twelve vector accumulators over k and the chunk's examples, then each summed across its lanes.</summary>
    static void Tile<T>(T* a0, int[] aOffsets, nint lda, T* b0, int[] bOffsets, nint ldb, int first, int end, int i, int j, int k, Vector256<T> tail, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector256<T> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        var w = Vector256<T>.Count;
        for (var e = first; e < end; e++)
        {
            var a = a0 + aOffsets[e] + i * lda;
            var b = b0 + bOffsets[e] + j * ldb;
            for (var p = 0; ; p += w)
            {
                var last = p > k - w;
                if (last) p = k - w;
                var y0 = Vector256.Load(b + p);
                var y1 = Vector256.Load(b + ldb + p);
                var y2 = Vector256.Load(b + 2 * ldb + p);
                var x = Vector256.Load(a + p);
                if (last) x &= tail;
                c00 = GemmTiles.Fma(x, y0, c00); c01 = GemmTiles.Fma(x, y1, c01); c02 = GemmTiles.Fma(x, y2, c02);
                x = Vector256.Load(a + lda + p);
                if (last) x &= tail;
                c10 = GemmTiles.Fma(x, y0, c10); c11 = GemmTiles.Fma(x, y1, c11); c12 = GemmTiles.Fma(x, y2, c12);
                x = Vector256.Load(a + 2 * lda + p);
                if (last) x &= tail;
                c20 = GemmTiles.Fma(x, y0, c20); c21 = GemmTiles.Fma(x, y1, c21); c22 = GemmTiles.Fma(x, y2, c22);
                x = Vector256.Load(a + 3 * lda + p);
                if (last) x &= tail;
                c30 = GemmTiles.Fma(x, y0, c30); c31 = GemmTiles.Fma(x, y1, c31); c32 = GemmTiles.Fma(x, y2, c32);
                if (last || p == k - w) break;
            }
        }
        T* d1 = c + ldc, d2 = c + 2 * ldc, d3 = c + 3 * ldc;
        c[0] += Vector256.Sum(c00); c[1] += Vector256.Sum(c01); c[2] += Vector256.Sum(c02);
        d1[0] += Vector256.Sum(c10); d1[1] += Vector256.Sum(c11); d1[2] += Vector256.Sum(c12);
        d2[0] += Vector256.Sum(c20); d2[1] += Vector256.Sum(c21); d2[2] += Vector256.Sum(c22);
        d3[0] += Vector256.Sum(c30); d3[1] += Vector256.Sum(c31); d3[2] += Vector256.Sum(c32);
    }

    /// <summary><see cref="Tile"/> in 512-bit vectors.</summary>
    static void Tile512<T>(T* a0, int[] aOffsets, nint lda, T* b0, int[] bOffsets, nint ldb, int first, int end, int i, int j, int k, Vector512<T> tail, T* c, nint ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        var w = Vector512<T>.Count;
        for (var e = first; e < end; e++)
        {
            var a = a0 + aOffsets[e] + i * lda;
            var b = b0 + bOffsets[e] + j * ldb;
            for (var p = 0; ; p += w)
            {
                var last = p > k - w;
                if (last) p = k - w;
                var y0 = Vector512.Load(b + p);
                var y1 = Vector512.Load(b + ldb + p);
                var y2 = Vector512.Load(b + 2 * ldb + p);
                var x = Vector512.Load(a + p);
                if (last) x &= tail;
                c00 = GemmTiles.Fma(x, y0, c00); c01 = GemmTiles.Fma(x, y1, c01); c02 = GemmTiles.Fma(x, y2, c02);
                x = Vector512.Load(a + lda + p);
                if (last) x &= tail;
                c10 = GemmTiles.Fma(x, y0, c10); c11 = GemmTiles.Fma(x, y1, c11); c12 = GemmTiles.Fma(x, y2, c12);
                x = Vector512.Load(a + 2 * lda + p);
                if (last) x &= tail;
                c20 = GemmTiles.Fma(x, y0, c20); c21 = GemmTiles.Fma(x, y1, c21); c22 = GemmTiles.Fma(x, y2, c22);
                x = Vector512.Load(a + 3 * lda + p);
                if (last) x &= tail;
                c30 = GemmTiles.Fma(x, y0, c30); c31 = GemmTiles.Fma(x, y1, c31); c32 = GemmTiles.Fma(x, y2, c32);
                if (last || p == k - w) break;
            }
        }
        T* d1 = c + ldc, d2 = c + 2 * ldc, d3 = c + 3 * ldc;
        c[0] += Vector512.Sum(c00); c[1] += Vector512.Sum(c01); c[2] += Vector512.Sum(c02);
        d1[0] += Vector512.Sum(c10); d1[1] += Vector512.Sum(c11); d1[2] += Vector512.Sum(c12);
        d2[0] += Vector512.Sum(c20); d2[1] += Vector512.Sum(c21); d2[2] += Vector512.Sum(c22);
        d3[0] += Vector512.Sum(c30); d3[1] += Vector512.Sum(c31); d3[2] += Vector512.Sum(c32);
    }
}
