using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// Ops that move elements without computing: their target shapes become int64 tensors, an open batch axis filled in
/// from the run-time batch size (<see cref="OnnxGraphBuilder.ShapeOf"/>), so the graph runs at every batch size.
/// </summary>
internal static class LayoutMappings
{
    public static ImmutableArray<OnnxMapping> All { get; } =
    [
        OnnxMapping.Of<BroadcastToOp>("broadcast_to", "Expand", (g, n, x) => g.Op("Expand", x[0], g.ShapeOf(n.Shape))),
        OnnxMapping.Of<FillOp>("full", "Expand of a scalar", (g, n, _) => g.Op("Expand", g.Scalar(((FillOp)n.Op).Value), g.ShapeOf(n.Shape))),
        OnnxMapping.Of<ReshapeOp>("reshape", "Reshape", (g, n, x) => Reshape(g, x[0], n.Shape)),
        OnnxMapping.Of<TransposeOp>("transpose", "Transpose", (g, n, x) =>
            g.Op("Transpose", [x[0]], new OnnxAttribute.Ints("perm", [.. ((TransposeOp)n.Op).Perm.Items.Select(a => (long)a)]))),
        OnnxMapping.Of<SliceOp>("slice", "Slice", Slice),
        OnnxMapping.Of<PadOp>("pad", "Pad", (g, n, x) =>
        {
            var op = (PadOp)n.Op;
            return g.Op("Pad", x[0], g.Int64s([.. op.Before.Items.Concat(op.After.Items).Select(p => (long)p)]));
        }),
        OnnxMapping.Of<ConcatOp>("concat", "Concat", (g, n, x) => g.Op("Concat", x, new OnnxAttribute.Int("axis", ((ConcatOp)n.Op).Axis))),
    ];

    /// <summary>
    /// A reshape to <paramref name="shape"/>. The shape never holds −1 (the batch size is filled in), so the default
    /// reading of a 0 as "keep this axis" is the only one to switch off, and only for a shape that has a 0.
    /// </summary>
    public static string Reshape(OnnxGraphBuilder g, string x, Shape shape) =>
        shape.Contains(0) ? g.Op("Reshape", [x, g.ShapeOf(shape)], new OnnxAttribute.Int("allowzero", 1)) : g.Op("Reshape", x, g.ShapeOf(shape));

    /// <summary>The box on every axis but a batch axis (which a slice takes whole, and ONNX then leaves alone).</summary>
    static string Slice(OnnxGraphBuilder g, Apply n, ImmutableArray<string> x)
    {
        var op = (SliceOp)n.Op;
        var axes = Enumerable.Range(0, op.Size.Rank).Where(a => op.Size[a] != Dim.Batch).ToArray();
        if (axes.Length == 0) return x[0];
        return g.Op("Slice", x[0],
            g.Int64s([.. axes.Select(a => (long)op.Begin.Items[a])]),
            g.Int64s([.. axes.Select(a => (long)op.Begin.Items[a] + op.Size[a])]),
            g.Int64s([.. axes.Select(a => (long)a)]));
    }
}
