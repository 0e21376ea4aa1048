using System.Numerics;

namespace PureNet;

/// <summary>
/// Packing for the GEMM: copies a block of A into slivers of MR rows (p-major: MR values per step of p) and a block
/// of B into slivers of NR columns (NR values per p), zero-padding partial slivers, so the microkernel reads both
/// with unit stride whatever the operands' strides (a transposed or broadcast operand costs nothing extra).
/// </summary>
internal static unsafe class GemmPack
{
    /// <summary>Slivers <paramref name="first"/>.. <paramref name="last"/> (exclusive) of A's rows, columns p0..p0+kc.</summary>
    public static void A<T>(T* src, MatrixLayout a, int p0, int kc, int mr, int first, int last, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint rs = a.RowStride, cs = a.ColStride;
        for (var s = first; s < last; s++)
        {
            var d = dst + (nint)s * mr * kc;
            var i0 = s * mr;
            var rows = Math.Min(mr, a.Rows - i0);
            var origin = src + a.Offset + i0 * rs + p0 * cs;
            if (rs == 1 && rows == mr)
            {
                // Columns of A are contiguous (A is a transposed view): each step of p is one run of MR values.
                for (var p = 0; p < kc; p++) new ReadOnlySpan<T>(origin + p * cs, mr).CopyTo(new Span<T>(d + p * mr, mr));
                continue;
            }
            for (var i = 0; i < rows; i++)
            {
                var row = origin + i * rs;
                for (var p = 0; p < kc; p++) d[p * mr + i] = row[p * cs];
            }
            for (var i = rows; i < mr; i++)
                for (var p = 0; p < kc; p++) d[p * mr + i] = T.Zero;
        }
    }

    /// <summary>Slivers <paramref name="first"/>.. <paramref name="last"/> (exclusive) of B's columns, rows p0..p0+kc.</summary>
    public static void B<T>(T* src, MatrixLayout b, int p0, int kc, int nr, int first, int last, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint rs = b.RowStride, cs = b.ColStride;
        for (var s = first; s < last; s++)
        {
            var d = dst + (nint)s * nr * kc;
            var j0 = s * nr;
            var cols = Math.Min(nr, b.Cols - j0);
            var origin = src + b.Offset + p0 * rs + j0 * cs;
            if (cs == 1)
            {
                // Rows of B are contiguous: each step of p copies a run of NR (or fewer, then zeros).
                for (var p = 0; p < kc; p++)
                {
                    var to = new Span<T>(d + p * nr, nr);
                    new ReadOnlySpan<T>(origin + p * rs, cols).CopyTo(to);
                    if (cols < nr) to[cols..].Clear();
                }
                continue;
            }
            for (var j = 0; j < cols; j++)
            {
                var col = origin + j * cs;
                for (var p = 0; p < kc; p++) d[p * nr + j] = col[p * rs];
            }
            for (var j = cols; j < nr; j++)
                for (var p = 0; p < kc; p++) d[p * nr + j] = T.Zero;
        }
    }
}
