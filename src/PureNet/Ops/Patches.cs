using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// im2col: [N, C, H, W] → [N, C, KH, KW, OH, OW] with OH = (H − KH)/SH + 1 (floor), every window of the image
/// laid out so that convolution is one matrix product and pooling one reduction. The derivative is <see cref="FoldOp"/>.
/// </summary>
public sealed record PatchesOp(int KernelH, int KernelW, int StrideH, int StrideW) : IOp
{
    public string Name => "patches";
    public Shape InferShape(Seq<Shape> s)
    {
        Rules.Arity(Name, s, 1);
        return OutputShape(Name, s[0], KernelH, KernelW, StrideH, StrideW);
    }
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        PatchesKernel.Extract(x[0], output, StrideH, StrideW, allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.Fold(g, y.Inputs[0].Shape, StrideH, StrideW)];

    internal static Shape OutputShape(string op, Shape x, int kh, int kw, int sh, int sw)
    {
        Guard.NotNull(x, op);
        if (x.Rank != 4) throw new ShapeException($"{op}: input {x} must be NCHW (rank 4).");
        if (kh < 1 || kw < 1 || sh < 1 || sw < 1)
            throw new ShapeException($"{op}: kernel {kh}×{kw} and stride {sh}×{sw} must be ≥ 1.");
        if (x[2] == Dim.Batch || x[3] == Dim.Batch || x[1] == Dim.Batch)
            throw new ShapeException($"{op}: only axis 0 of {x} may be the batch axis.");
        if (kh > x[2] || kw > x[3])
            throw new ShapeException($"{op}: kernel {kh}×{kw} is larger than the (padded) input {x[2]}×{x[3]} of {x}.");
        return new Shape(x[0], x[1], kh, kw, (x[2] - kh) / sh + 1, (x[3] - kw) / sw + 1);
    }
}

/// <summary>col2im, the adjoint of <see cref="PatchesOp"/>: sums every window back into an image of shape <see cref="Image"/>.</summary>
public sealed record FoldOp(Shape Image, int StrideH, int StrideW) : IOp
{
    public string Name => "fold";
    public Shape InferShape(Seq<Shape> s)
    {
        Rules.Arity(Name, s, 1);
        var p = s[0];
        if (p.Rank != 6) throw new ShapeException($"{Name}: input {p} must be patches [N, C, KH, KW, OH, OW].");
        var expected = PatchesOp.OutputShape(Name, Image, p[2], p[3], StrideH, StrideW);
        if (expected != p) throw new ShapeException($"{Name}: patches {p} do not come from image {Image} with stride {StrideH}×{StrideW} (expected {expected}).");
        return Image;
    }
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        PatchesKernel.Fold(x[0], output, StrideH, StrideW, allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var p = y.Inputs[0].Shape;
        return [Fn.Patches(g, p[2], p[3], StrideH, StrideW)];
    }
}

public static partial class Fn
{
    public static Expr Patches(Expr x, int kernelH, int kernelW, int strideH = 1, int strideW = 1) =>
        new Apply(new PatchesOp(kernelH, kernelW, strideH, strideW), Inputs(Guard.NotNull(x, "patches")));

    public static Expr Fold(Expr patches, Shape image, int strideH = 1, int strideW = 1) =>
        new Apply(new FoldOp(Guard.NotNull(image, "fold"), strideH, strideW), Inputs(Guard.NotNull(patches, "fold")));
}
