using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

// TEMPORARY until Gemm.BatchedSum lands on main: same signature, one product at a time and a sum.
internal static class GemmStandIn
{
    public static void BatchedSum<T>(ReadOnlySpan<T> a, MatrixLayout la, int[] aOffsets, ReadOnlySpan<T> b, MatrixLayout lb, int[] bOffsets, Span<T> c, MatrixLayout lc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (m, n) = (lc.Rows, lc.Cols);
        for (var i = 0; i < m; i++) c.Slice(lc.Offset + i * lc.RowStride, n).Clear();
        var scratch = ArrayPool<T>.Shared.Rent(m * n);
        var s = scratch.AsSpan(0, m * n);
        for (var p = 0; p < aOffsets.Length; p++)
        {
            Gemm.Multiply(a, la.At(aOffsets[p]), b, lb.At(bOffsets[p]), s, MatrixLayout.RowMajor(m, n));
            for (var i = 0; i < m; i++)
            {
                var row = c.Slice(lc.Offset + i * lc.RowStride, n);
                TensorPrimitives.Add(row, s.Slice(i * n, n), row);
            }
        }
        ArrayPool<T>.Shared.Return(scratch);
    }
}
