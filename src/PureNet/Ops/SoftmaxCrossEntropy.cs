using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Softmax cross-entropy of logits [..., C] against integer labels [...] as one primitive: per row
/// log Σ e^x − x_label, computed stably in one pass. It equals −Σ onehot·log_softmax (a property checks it); its VJP
/// is g·(softmax − onehot), also one pass (<see cref="SoftmaxCrossEntropyGradOp"/>). Labels carry no gradient and
/// are checked when evaluated: whole numbers in [0, C).
/// </summary>
public sealed record SoftmaxCrossEntropyOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "softmax_cross_entropy";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 2);
        var (logits, labels) = (s[0], s[1]);
        if (logits.Rank < 1 || labels != new Shape(logits.SkipLast(1)))
            throw new ShapeException($"{Name}: logits {logits} and labels {labels} do not match; rule: logits [..., C] with labels [...] (one label per row).");
        if (logits[^1] < 1 || logits[^1] == Dim.Batch)
            throw new ShapeException($"{Name}: logits {logits} need at least one class on the last axis (not the batch axis).");
        return labels;
    }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        SoftmaxCrossEntropyKernel.Loss(x[0], x[1]);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.ByTransposition(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) =>
        [new Apply(new SoftmaxCrossEntropyGradOp(), Fn.Inputs(y.Inputs[0], y.Inputs[1], g)), Fn.ZerosLike(y.Inputs[1])];
}

/// <summary>
/// The cotangent of <see cref="SoftmaxCrossEntropyOp"/> in the logits, g·(softmax(x) − onehot(label)) per row. Its own
/// VJP (for second derivatives) is written with primitives: in x the softmax Jacobian, in g the row sum.
/// </summary>
public sealed record SoftmaxCrossEntropyGradOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "softmax_cross_entropy_grad";
    /// <summary>As a textbook writes it: g · (softmax(x) − onehot(labels)), g the per-row cotangent (1/N for a mean).</summary>
    /// <param name="inputs">The shapes of the logits, the labels and the cotangent.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new(Name,
        new(Precedence.Product, Notation.Input(2, Precedence.Product), " * (softmax(", Notation.Input(0), ") - onehot(", Notation.Input(1), "))"),
        new(Precedence.Product, Notation.Input(2, Precedence.Product), @" \cdot (\operatorname{softmax}(", Notation.Input(0), @") - \operatorname{onehot}(", Notation.Input(1), "))"));
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 3);
        var rows = ShapeRules.Inner(Name, new SoftmaxCrossEntropyOp(), [s[0], s[1]]);
        if (s[2] != rows) throw new ShapeException($"{Name}: cotangent {s[2]} must have the labels' shape {rows}.");
        return s[0];
    }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        SoftmaxCrossEntropyKernel.Gradient(x[0], x[1], x[2], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.ByTransposition(y, t);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="h">The cotangent of the node, shaped like it.</param>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr h)
    {
        var (x, labels, g) = (y.Inputs[0], y.Inputs[1], y.Inputs[2]);
        var p = Activations.Softmax(x, -1);
        var column = Fn.Reshape(g, g.Shape.Insert(g.Shape.Rank, 1));
        var dx = column * p * (h - Fn.Sum(p * h, -1, keepDims: true));
        var dg = Fn.Sum(h * (p - Losses.OneHot(labels, x.Shape[^1])), -1);
        return [dx, Fn.ZerosLike(labels), dg];
    }
}

public static partial class Fn
{
    /// <summary>
    /// Per-row softmax cross-entropy of logits [..., C] against integer labels [...] as one fused primitive
    /// (<see cref="SoftmaxCrossEntropyOp"/>): ℓ = log Σ_c e^(x_c) − x_label; ∂ℓ/∂x = softmax(x) − onehot(label).
    /// </summary>
    /// <param name="logits">Unnormalised scores [..., C], C ≥ 1.</param>
    /// <param name="labels">Class indices [...] stored as values, one per row; whole numbers in [0, C), checked when evaluated.</param>
    /// <returns>A node of <paramref name="labels"/>' shape: one loss per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logits"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ShapeException">The labels' shape is not the logits' without the last axis, or there is no class.</exception>
    public static Expr SoftmaxCrossEntropyRows(Expr logits, Expr labels) =>
        new Apply(new SoftmaxCrossEntropyOp(), Inputs(Guard.NotNull(logits, "SoftmaxCrossEntropyRows"), Guard.NotNull(labels, "SoftmaxCrossEntropyRows")));
}
