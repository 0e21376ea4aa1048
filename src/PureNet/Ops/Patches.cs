using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// im2col: [N, C, H, W] → [N, C, KH, KW, OH, OW] with OH = (H + 2·PH − KH)/SH + 1 (floor), every window of the image
/// laid out so that convolution is one matrix product and pooling one reduction. Zero padding (PH, PW) is read in
/// place: windows reaching past the border read zeros, so a convolution has no padded copy of its input and its
/// backward no slice (it equals patches of the padded image; a property checks it). The derivative is <see cref="FoldOp"/>.
/// </summary>
/// <param name="KernelH">The window's height KH, ≥ 1.</param>
/// <param name="KernelW">The window's width KW, ≥ 1.</param>
/// <param name="StrideH">The vertical step SH between windows, ≥ 1.</param>
/// <param name="StrideW">The horizontal step SW between windows, ≥ 1.</param>
/// <param name="PadH">Zero rows PH read above and below the image, ≥ 0.</param>
/// <param name="PadW">Zero columns PW read left and right of the image, ≥ 0.</param>
public sealed record PatchesOp(int KernelH, int KernelW, int StrideH, int StrideW, int PadH = 0, int PadW = 0) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "patches";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        return OutputShape(Name, s[0], KernelH, KernelW, StrideH, StrideW, PadH, PadW);
    }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        PatchesKernel.Extract(x[0], output, StrideH, StrideW, PadH, PadW, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.Fold(g, y.Inputs[0].Shape, StrideH, StrideW, PadH, PadW)];

    internal static Shape OutputShape(string op, Shape x, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        Guard.NotNull(x, op);
        if (x.Rank != 4) throw new ShapeException($"{op}: input {x} must be NCHW (rank 4).");
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1)
            throw new ShapeException($"{op}: kernel {kh}×{kw} and stride {sh}×{sw} must be ≥ 1.");
        if (ph < 0 || pw < 0)
            throw new ShapeException($"{op}: padding {ph}×{pw} must be ≥ 0.");
        if (x[2] == Dim.Batch || x[3] == Dim.Batch || x[1] == Dim.Batch)
            throw new ShapeException($"{op}: only axis 0 of {x} may be the batch axis.");
        var (h, w) = (x[2] + 2L * ph, x[3] + 2L * pw);
        if (h > Shape.MaxElements || w > Shape.MaxElements)
            throw new ShapeException($"{op}: padding {ph}×{pw} makes the input {x} larger than a tensor can hold.");
        if (kh > h || kw > w)
            throw new ShapeException($"{op}: kernel {kh}×{kw} is larger than the{(ph + pw > 0 ? " padded" : "")} input {h}×{w} of {x}.");
        return new Shape(x[0], x[1], kh, kw, (int)((h - kh) / sh + 1), (int)((w - kw) / sw + 1));
    }
}

/// <summary>
/// col2im, the adjoint of <see cref="PatchesOp"/>: sums every window back into an image of shape <see cref="Image"/>;
/// what windows read from the padding (PH, PW) is dropped.
/// </summary>
/// <param name="Image">The image's shape [N, C, H, W] (N may be <see cref="Dim.Batch"/>).</param>
/// <param name="StrideH">The vertical stride the patches were taken with.</param>
/// <param name="StrideW">The horizontal stride the patches were taken with.</param>
/// <param name="PadH">The vertical padding the patches were taken with.</param>
/// <param name="PadW">The horizontal padding the patches were taken with.</param>
public sealed record FoldOp(Shape Image, int StrideH, int StrideW, int PadH = 0, int PadW = 0) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "fold";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        Guard.NotNull(Image, Name);
        ShapeRules.Arity(Name, s, 1);
        var p = s[0];
        if (p.Rank != 6) throw new ShapeException($"{Name}: input {p} must be patches [N, C, KH, KW, OH, OW].");
        var expected = PatchesOp.OutputShape(Name, Image, p[2], p[3], StrideH, StrideW, PadH, PadW);
        if (expected != p) throw new ShapeException($"{Name}: patches {p} do not come from image {Image} with stride {StrideH}×{StrideW} and padding {PadH}×{PadW} (expected {expected}).");
        return Image;
    }
    /// <inheritdoc/>
    protected override PrimitiveOp WithBatchSize(int size) => this with { Image = Image.WithBatch(size) };
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        PatchesKernel.Fold(x[0], output, StrideH, StrideW, PadH, PadW, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var p = y.Inputs[0].Shape;
        return [Fn.Patches(g, p[2], p[3], StrideH, StrideW, PadH, PadW)];
    }
}

public static partial class Fn
{
    /// <summary>Every KH×KW window of x (NCHW), reading zeros past the border where padded (<see cref="PatchesOp"/>).</summary>
    /// <param name="x">The image batch [N, C, H, W]; only N may be the batch axis.</param>
    /// <param name="kernelH">The window's height, ≥ 1.</param>
    /// <param name="kernelW">The window's width, ≥ 1.</param>
    /// <param name="strideH">The vertical step between windows, ≥ 1.</param>
    /// <param name="strideW">The horizontal step between windows, ≥ 1.</param>
    /// <param name="padH">Zero rows read above and below, ≥ 0.</param>
    /// <param name="padW">Zero columns read left and right, ≥ 0.</param>
    /// <returns>A node of shape [N, C, KH, KW, OH, OW].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">x is not of rank 4, a size is out of range, or the window is larger than the (padded) image.</exception>
    public static Expr Patches(Expr x, int kernelH, int kernelW, int strideH = 1, int strideW = 1, int padH = 0, int padW = 0) =>
        new Apply(new PatchesOp(kernelH, kernelW, strideH, strideW, padH, padW), Inputs(Guard.NotNull(x, "patches")));

    /// <summary>Sums windows back into an image (<see cref="FoldOp"/>): the adjoint of <see cref="Patches"/> with the same geometry.</summary>
    /// <param name="patches">Windows [N, C, KH, KW, OH, OW] as <see cref="Patches"/> lays them out.</param>
    /// <param name="image">The image's shape [N, C, H, W].</param>
    /// <param name="strideH">The vertical stride the patches were taken with.</param>
    /// <param name="strideW">The horizontal stride the patches were taken with.</param>
    /// <param name="padH">The vertical padding the patches were taken with.</param>
    /// <param name="padW">The horizontal padding the patches were taken with.</param>
    /// <returns>A node of shape <paramref name="image"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patches"/> or <paramref name="image"/> is null.</exception>
    /// <exception cref="ShapeException">The patches do not come from such an image with that stride and padding.</exception>
    public static Expr Fold(Expr patches, Shape image, int strideH = 1, int strideW = 1, int padH = 0, int padW = 0) =>
        new Apply(new FoldOp(Guard.NotNull(image, "fold"), strideH, strideW, padH, padW), Inputs(Guard.NotNull(patches, "fold")));
}
