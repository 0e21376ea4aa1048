using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Max pooling over Size×Size windows with a stride, NCHW: y[n, c, i, j] = max of x over the window at
/// (i·Stride, j·Stride), one primitive with a direct kernel; it equals max over the windows of <see cref="PatchesOp"/>
/// (a property checks it). The VJP sends each window's cotangent to its maximal elements, split evenly among ties, in
/// one pass (<see cref="MaxPoolGradOp"/>).
/// </summary>
/// <param name="Size">The window's height and width, ≥ 1.</param>
/// <param name="Stride">The step between windows, ≥ 1.</param>
public sealed record MaxPoolOp(int Size, int Stride) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "max_pool2d";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        var p = PatchesOp.OutputShape(Name, s[0], Size, Size, Stride, Stride, 0, 0);
        return new Shape(p[0], p[1], p[4], p[5]);
    }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        PoolKernel.Max(x[0], Size, Stride, output, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.ByTransposition(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) =>
        [new Apply(new MaxPoolGradOp(Size, Stride), Fn.Inputs(y.Inputs[0], y, g))];
}

/// <summary>
/// The cotangent of max pooling, dx from (x, y = pool(x), g). Piecewise constant in x and y (the winners change only at
/// ties) and linear in g; its own VJP in g gathers each window's winners' cotangents, written with patches. With
/// <see cref="Relu"/>, dx is also zero where x ≤ 0: <c>relu_grad(x, max_pool2d_grad(x, y, g))</c> in one pass, which
/// <see cref="Fn.ActivationGrad"/> builds when a ReLU's output was pooled (a property checks it equals the two ops).
/// </summary>
/// <param name="Size">The pooling window's height and width.</param>
/// <param name="Stride">The pooling stride.</param>
/// <param name="Relu">Whether dx is also masked by x &gt; 0 (the gradient of a ReLU followed by the pooling).</param>
public sealed record MaxPoolGradOp(int Size, int Stride, bool Relu = false) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => Relu ? "max_pool2d_relu_grad" : "max_pool2d_grad";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 3);
        var pooled = ShapeRules.Inner(Name, new MaxPoolOp(Size, Stride), [s[0]]);
        if (s[1] != pooled || s[2] != pooled)
            throw new ShapeException($"{Name}: pooled value {s[1]} and cotangent {s[2]} must both be {pooled}, the pooling of {s[0]}.");
        return s[0];
    }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        PoolKernel.MaxGrad(x[0], x[1], x[2], Size, Stride, Relu, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.ByTransposition(y, t);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="h">The cotangent of the node, shaped like it.</param>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr h)
    {
        var (x, pooled) = (y.Inputs[0], y.Inputs[1]);
        if (Relu) h = Fn.ActivationGrad(ActivationKind.Relu, x, h);               // the mask is linear too: it comes first
        var windows = Pooling.Windows(x, Size, Stride, Name);                      // [N, C, K², OH, OW]
        var spread = Fn.BroadcastTo(Fn.Reshape(pooled, windows.Shape.SetItem(2, 1)), windows.Shape);
        var isMax = Fn.Equal(windows, spread);
        var ties = Fn.Sum(isMax, 2, keepDims: true);
        var gathered = Fn.Sum(Pooling.Windows(h, Size, Stride, Name) * isMax / ties, 2);
        return [Fn.ZerosLike(x), Fn.ZerosLike(pooled), gathered];
    }
}
