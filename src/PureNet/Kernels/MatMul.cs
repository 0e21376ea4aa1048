using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>Batched matrix product [..., m, k] × [..., k, n] with equal batch axes. Row-times-row form so every inner loop is a vectorised axpy.</summary>
internal static class MatMulKernel
{
    public static Tensor<T> Run<T>(Tensor<T> a, Tensor<T> b, Shape outShape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = a.Rank;
        int m = a.Shape[r - 2], k = a.Shape[r - 1], n = b.Shape[r - 1];
        var batches = m * n == 0 ? 0 : outShape.Size / (m * n);
        var c = new T[outShape.Size];
        var A = a.Span; var B = b.Span;
        var tmp = new T[n];
        for (var p = 0; p < batches; p++)
        {
            var aOff = p * m * k; var bOff = p * k * n; var cOff = p * m * n;
            for (var i = 0; i < m; i++)
            {
                var row = c.AsSpan(cOff + i * n, n);
                for (var j = 0; j < k; j++)
                {
                    var aij = A[aOff + i * k + j];
                    TensorPrimitives.MultiplyAdd(B.Slice(bOff + j * n, n), aij, row, row);
                }
            }
        }
        return new Tensor<T>(outShape, c);
    }
}
