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

    /// <summary>
    /// Σ op(A)·op(B) over the product's leading axes that <paramref name="output"/> does not keep: per output matrix,
    /// one GEMM whose inner dimension runs over every product summed into it, or for a small C with operands contiguous
    /// along k (a conv weight's gradient) dot products straight from the operands (<see cref="DotSum"/>).
    /// </summary>
    public static Tensor<T> RunSummed<T>(Tensor<T> a, Tensor<T> b, bool transposeA, bool transposeB, Shape output, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = allocate.New(output.Size);
        var lead = Broadcast.Shapes(new Shape(a.Shape.SkipLast(2)), new Shape(b.Shape.SkipLast(2)), "matmul_sum");
        var (la, lb) = (Matrix(a.Shape, transposeA), Matrix(b.Shape, transposeB));
        var lc = MatrixLayout.RowMajor(output[^2], output[^1]);
        var (aOffsets, bOffsets, cOffsets) = (Offsets(a.Shape, lead), Offsets(b.Shape, lead), Offsets(output, lead));
        var direct = DotSum.Fits<T>(la, lb);
        void Sum(int[] aOffsets, int[] bOffsets, MatrixLayout lc)
        {
            if (direct) DotSum.Run(a.Span, la, aOffsets, b.Span, lb, bOffsets, c, lc);
            else Gemm.BatchedSum(a.Span, la, aOffsets, b.Span, lb, bOffsets, c, lc);
        }
        if (output.Rank == 2) Sum(aOffsets, bOffsets, lc);
        else if (c.Length > 0)
        {
            // The products summed into each output matrix, grouped in one pass (in their order).
            var size = lc.Rows * lc.Cols;
            var (aBy, bBy, filled) = (new int[c.Length / size][], new int[c.Length / size][], new int[c.Length / size]);
            foreach (var o in cOffsets) filled[o / size]++;
            for (var j = 0; j < filled.Length; j++) (aBy[j], bBy[j], filled[j]) = (new int[filled[j]], new int[filled[j]], 0);
            for (var i = 0; i < cOffsets.Length; i++)
            {
                var j = cOffsets[i] / size;
                (aBy[j][filled[j]], bBy[j][filled[j]]) = (aOffsets[i], bOffsets[i]);
                filled[j]++;
            }
            for (var j = 0; j < filled.Length; j++) Sum(aBy[j], bBy[j], lc.At(j * size));
        }
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
