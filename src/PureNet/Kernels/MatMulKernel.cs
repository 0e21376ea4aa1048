using System.Numerics;

namespace PureNet;

/// <summary>
/// Batched matrix products over the last two axes with broadcast leading axes: each operand is read in place through
/// its strides (a transposed operand swaps them, a broadcast one repeats its offset), then <see cref="Gemm"/> runs.
/// </summary>
internal static class MatMulKernel
{
    public static Tensor<T> Run<T>(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB, Shape output, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = allocate.New(output.Size);
        var lead = new Shape(output.SkipLast(2));
        Gemm.Batched(a.Span, Matrix(a.Shape, transposeA), Offsets(a.Shape, lead), b.Span, Matrix(b.Shape, transposeB), Offsets(b.Shape, lead), c);
        return new Tensor<T>(output, c);
    }

    /// <summary>The last two axes of a row-major tensor as a matrix, transposed in place when asked.</summary>
    static MatrixLayout Matrix(Shape s, bool transpose)
    {
        var m = MatrixLayout.RowMajor(s[^2], s[^1]);
        return transpose ? m.Transposed : m;
    }

    /// <summary>Where each matrix of the operand starts, for every index of the output's leading axes (0 stride on broadcast axes).</summary>
    static int[] Offsets(Shape operand, Shape lead)
    {
        var size = operand[^1] * operand[^2];
        var own = new Shape(operand.SkipLast(2));
        var strides = Broadcast.Strides(own, lead);
        var offsets = new int[lead.Size];
        var index = new int[lead.Rank];
        for (var i = 0; i < offsets.Length; i++)
        {
            var o = 0;
            for (var d = 0; d < lead.Rank; d++) o += index[d] * strides[d];
            offsets[i] = o * size;
            for (var d = lead.Rank - 1; d >= 0 && ++index[d] == lead[d]; d--) index[d] = 0;
        }
        return offsets;
    }
}
