using System.Numerics;

namespace PureNet;

/// <summary>
/// Packing for the GEMM: copies a block of A into slivers of MR rows (p-major: MR values per step of p) and a block
/// of B into slivers of NR columns (NR values per p), zero-padding partial slivers, so the microkernel reads both
/// with unit stride whatever the operands' strides (a transposed or broadcast operand costs nothing extra).
/// Slivers first..last (exclusive) are written from <c>dst</c> on, sliver <c>first</c> at <c>dst</c>.
/// </summary>
internal static unsafe class GemmPack
{
    /// <summary>Row slivers of the block <paramref name="a"/> (all its columns: kc = a.Cols).</summary>
    public static void A<T>(T* src, MatrixLayout a, int mr, int first, int last, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint rs = a.RowStride, cs = a.ColStride;
        var kc = a.Cols;
        for (var s = first; s < last; s++)
        {
            var d = dst + (nint)(s - first) * mr * kc;
            var i0 = s * mr;
            var rows = Math.Min(mr, a.Rows - i0);
            var origin = src + a.Offset + i0 * rs;
            if (rs == 1 && rows == mr)
            {
                // Columns of A are contiguous (A is a transposed view): each step of p is one run of MR values.
                for (var p = 0; p < kc; p++) new ReadOnlySpan<T>(origin + p * cs, mr).CopyTo(new Span<T>(d + p * mr, mr));
                continue;
            }
            var done = 0;
            if (typeof(T) == typeof(float) && cs == 1 && rows == mr && mr % 4 == 0 && GemmTranspose.Available)
                // Rows of A are contiguous (row-major A): blocks of 8 steps of p transposed in registers, 8 rows at a
                // time and then the last 4 of a 12-row sliver.
                for (; done + 8 <= kc; done += 8)
                {
                    var g = 0;
                    for (; g + 8 <= mr; g += 8) GemmTranspose.Block8((float*)origin + g * rs + done, rs, (float*)d + done * mr + g, mr);
                    if (g < mr) GemmTranspose.Block4((float*)origin + g * rs + done, rs, (float*)d + done * mr + g, mr);
                }
            for (var i = 0; i < rows; i++)
            {
                var row = origin + i * rs;
                for (var p = done; p < kc; p++) d[p * mr + i] = row[p * cs];
            }
            for (var i = rows; i < mr; i++)
                for (var p = 0; p < kc; p++) d[p * mr + i] = T.Zero;
        }
    }

    /// <summary>Column slivers of the block <paramref name="b"/> (all its rows: kc = b.Rows).</summary>
    public static void B<T>(T* src, MatrixLayout b, int nr, int first, int last, T* dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        nint rs = b.RowStride, cs = b.ColStride;
        var kc = b.Rows;
        if (cs == 1)
        {
            // Rows of B are contiguous: row by row (one sequential read per row, not one per sliver and row), each
            // row cut into runs of NR (the last run zero-padded).
            for (var p = 0; p < kc; p++)
            {
                var row = src + b.Offset + p * rs;
                for (var s = first; s < last; s++)
                {
                    var cols = Math.Min(nr, b.Cols - s * nr);
                    var to = new Span<T>(dst + (nint)(s - first) * nr * kc + p * nr, nr);
                    new ReadOnlySpan<T>(row + s * nr, cols).CopyTo(to);
                    if (cols < nr) to[cols..].Clear();
                }
            }
            return;
        }
        for (var s = first; s < last; s++)
        {
            var d = dst + (nint)(s - first) * nr * kc;
            var j0 = s * nr;
            var cols = Math.Min(nr, b.Cols - j0);
            var origin = src + b.Offset + j0 * cs;
            var blocked = 0;
            if (typeof(T) == typeof(float) && rs == 1 && GemmTranspose.Available)
                // Columns of B are contiguous (a transposed B): 8 columns at a time, 8×8 blocks transposed in registers.
                for (; blocked + 8 <= cols; blocked += 8)
                    for (var p = 0; p + 8 <= kc; p += 8)
                        GemmTranspose.Block8((float*)origin + blocked * cs + p, cs, (float*)d + p * nr + blocked, nr);
            var tail = blocked > 0 ? kc - kc % 8 : 0;   // the first row of p the 8×8 blocks did not cover
            for (var j = 0; j < cols; j++)
            {
                var col = origin + j * cs;
                for (var p = j < blocked ? tail : 0; p < kc; p++) d[p * nr + j] = col[p * rs];
            }
            for (var j = cols; j < nr; j++)
                for (var p = 0; p < kc; p++) d[p * nr + j] = T.Zero;
        }
    }
}
