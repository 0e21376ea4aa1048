using System.Numerics;

namespace PureNet;

/// <summary>The plain triple loop, kept to check the packed kernels against (internal, for tests).</summary>
internal static class GemmReference
{
    public static void Multiply<T>(ReadOnlySpan<T> a, MatrixLayout la, ReadOnlySpan<T> b, MatrixLayout lb, Span<T> c, MatrixLayout lc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < la.Rows; i++)
            for (var j = 0; j < lb.Cols; j++)
            {
                var acc = T.Zero;
                for (var p = 0; p < la.Cols; p++)
                    acc += a[la.Offset + i * la.RowStride + p * la.ColStride] * b[lb.Offset + p * lb.RowStride + j * lb.ColStride];
                c[lc.Offset + i * lc.RowStride + j * lc.ColStride] = acc;
            }
    }
}
