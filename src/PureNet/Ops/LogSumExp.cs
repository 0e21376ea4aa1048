using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>
/// y = log Σ exp x over axes (all when empty), computed stably (<see cref="LogSumExpKernel"/>); dy/dx = exp(x − y), the
/// softmax over those axes. The simplifier turns log(sum(exp x)) into it.
/// </summary>
/// <param name="Axes">The axes reduced (negative counts from the end); <see cref="Axes.All"/> for every axis.</param>
/// <param name="KeepDims">Whether the reduced axes stay as axes of size 1.</param>
public sealed record LogSumExpOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "logsumexp";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        LogSumExpKernel.Run(x[0], Axes, output, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Sum(t[0] * Fn.Exp(y.Inputs[0] - ReductionRules.Spread(y, y.Inputs[0], Axes)), Axes, KeepDims);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        return [ReductionRules.Spread(g, x, Axes) * Fn.Exp(x - ReductionRules.Spread(y, x, Axes))];
    }
}

public static partial class Fn
{
    /// <summary>log Σ exp x over <paramref name="axes"/>, computed stably (<see cref="LogSumExpOp"/>); its gradient is the softmax over those axes.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes reduced (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the reduced axes as axes of size 1.</param>
    /// <returns>A node of <paramref name="x"/>'s shape without the reduced axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range for <paramref name="x"/>'s rank or repeated.</exception>
    public static Expr LogSumExp(Expr x, Axes? axes = null, bool keepDims = false) =>
        new Apply(new LogSumExpOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "logsumexp")));
}
