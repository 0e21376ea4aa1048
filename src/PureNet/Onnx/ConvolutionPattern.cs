using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// A convolution as <see cref="Conv2D"/> builds it, reshape(W [F, C·KH·KW] · reshape(patches(x), [N, C·KH·KW, OH·OW]),
/// [N, F, OH, OW]), exported as one ONNX Conv rather than its im2col steps: the same sum (W[f, c, i, j] times the padded
/// image at (oh·SH + i, ow·SW + j)), which every ONNX runtime runs with its own convolution kernels. The patches and
/// their reshape are emitted only if something else reads them. The bias add that follows stays an Add (runtimes fold it in).
/// </summary>
internal static class ConvolutionPattern
{
    /// <summary>The pattern's row in the README's table.</summary>
    public const string Ops = "a convolution, reshape(matmul(W, reshape(patches(x)))) as Conv2D builds it", Nodes = "Conv";

    /// <summary>The Conv mapping of <paramref name="node"/> when it ends a convolution; else null.</summary>
    public static OnnxMapping? Mapping(Apply node) => Match(node) is { } m
        ? new(typeof(ConvolutionPattern), Ops, Nodes, _ => [m.Image, m.Kernel], (g, n, x) => Emit(g, n, m, x))
        : null;

    sealed record Parts(Expr Image, Expr Kernel, bool KernelIsFlat, PatchesOp Patches);

    static Parts? Match(Apply node)
    {
        if (node is not { Op: ReshapeOp, Inputs: [Apply { Op: MatMulOp { TransposeA: false, TransposeB: false } } product] }) return null;
        if (product.Inputs is not [var w, Apply { Op: ReshapeOp, Inputs: [Apply { Op: PatchesOp patches } cols] } flat]) return null;
        var (x, image) = (cols.Inputs[0], node.Shape);
        var (n, c, f) = (x.Shape[0], x.Shape[1], w.Shape.Rank == 2 ? w.Shape[0] : -2);
        var (k, oh, ow) = ((long)c * patches.KernelH * patches.KernelW, cols.Shape[4], cols.Shape[5]);
        var fits = w.Shape.Rank == 2 && w.Shape[1] == k
            && flat.Shape == new Shape(n, (int)k, oh * ow)
            && image == new Shape(n, f, oh, ow);
        if (!fits) return null;
        var kernel = new Shape(f, c, patches.KernelH, patches.KernelW);
        return w is Apply { Op: ReshapeOp, Inputs: [var w4] } && w4.Shape == kernel
            ? new Parts(x, w4, false, patches)
            : new Parts(x, w, true, patches);
    }

    static string Emit(OnnxGraphBuilder g, Apply node, Parts m, ImmutableArray<string> x)
    {
        var p = m.Patches;
        var kernel = m.KernelIsFlat ? LayoutMappings.Reshape(g, x[1], new Shape(node.Shape[1], m.Image.Shape[1], p.KernelH, p.KernelW)) : x[1];
        return g.Op("Conv", [x[0], kernel],
            new OnnxAttribute.Ints("kernel_shape", [p.KernelH, p.KernelW]),
            new OnnxAttribute.Ints("strides", [p.StrideH, p.StrideW]),
            new OnnxAttribute.Ints("pads", [p.PadH, p.PadW, p.PadH, p.PadW]));
    }
}
