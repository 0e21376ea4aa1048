using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// Matrix products and windows. A matmul's transposed operand is an explicit Transpose of its last two axes (ONNX's
/// MatMul broadcasts leading axes by numpy's rule, as PureNet's does). Patches (im2col) has no ONNX op: each of its
/// KH·KW window offsets is one strided Slice of the zero-padded image, and the offsets are stacked in PureNet's
/// layout, so a convolution exports as the same product it computes here. Max pooling is ONNX's MaxPool.
/// </summary>
internal static class ProductMappings
{
    public static ImmutableArray<OnnxMapping> All { get; } =
    [
        OnnxMapping.Of<MatMulOp>("matmul, matmul_tn, matmul_nt, matmul_tt", "MatMul (Transpose for a transposed operand)", (g, n, x) =>
        {
            var op = (MatMulOp)n.Op;
            return g.Op("MatMul", op.TransposeA ? SwapLastTwo(g, x[0], n.Inputs[0].Shape.Rank) : x[0], op.TransposeB ? SwapLastTwo(g, x[1], n.Inputs[1].Shape.Rank) : x[1]);
        }),
        OnnxMapping.Of<PatchesOp>("patches", "Pad, one strided Slice per window offset, Unsqueeze, Concat, Reshape", Patches),
        OnnxMapping.Of<MaxPoolOp>("max_pool2d", "MaxPool", (g, n, x) =>
        {
            var op = (MaxPoolOp)n.Op;
            return g.Op("MaxPool", [x[0]], new OnnxAttribute.Ints("kernel_shape", [op.Size, op.Size]), new OnnxAttribute.Ints("strides", [op.Stride, op.Stride]));
        }),
    ];

    static string SwapLastTwo(OnnxGraphBuilder g, string x, int rank) =>
        g.Op("Transpose", [x], new OnnxAttribute.Ints("perm", [.. Enumerable.Range(0, rank - 2).Select(a => (long)a), rank - 1, rank - 2]));

    /// <summary>[N, C, H, W] → [N, C, KH, KW, OH, OW]: window offset (i, j) reads padded[.., i + SH·oh, j + SW·ow].</summary>
    static string Patches(OnnxGraphBuilder g, Apply n, ImmutableArray<string> x)
    {
        var op = (PatchesOp)n.Op;
        var (oh, ow) = (n.Shape[4], n.Shape[5]);
        var padded = op.PadH == 0 && op.PadW == 0 ? x[0] : g.Op("Pad", x[0], g.Int64s(0, 0, op.PadH, op.PadW, 0, 0, op.PadH, op.PadW));
        var axes = g.Int64s(2, 3);
        var steps = g.Int64s(op.StrideH, op.StrideW);
        var offsets = new List<string>();
        for (var i = 0; i < op.KernelH; i++)
            for (var j = 0; j < op.KernelW; j++)
            {
                var window = g.Op("Slice", padded, g.Int64s(i, j), g.Int64s(i + (long)op.StrideH * (oh - 1) + 1, j + (long)op.StrideW * (ow - 1) + 1), axes, steps);
                offsets.Add(g.Op("Unsqueeze", window, g.Int64s(2)));   // [N, C, 1, OH, OW]
            }
        var stacked = offsets.Count == 1 ? offsets[0] : g.Op("Concat", offsets, new OnnxAttribute.Int("axis", 2));
        return LayoutMappings.Reshape(g, stacked, n.Shape);
    }
}
