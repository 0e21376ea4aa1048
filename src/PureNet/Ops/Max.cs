using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// y = max of x over <paramref name="Axes"/> (every axis when empty); the gradient goes to the maximal elements, split
/// evenly among ties: ∂y/∂xᵢ = [xᵢ = y] / #{j : xⱼ = y}.
/// </summary>
/// <param name="Axes">The axes reduced (negative counts from the end); <see cref="Axes.All"/> for every axis.</param>
/// <param name="KeepDims">Whether the reduced axes stay as axes of size 1.</param>
public sealed record MaxOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "max";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => ReductionRules.Notation("max", @"\max", Axes, inputs);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Reduce.Max(x[0], Axes, KeepDims, Name, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.ByTransposition(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        var isMax = Fn.Equal(x, ReductionRules.Spread(y, x, Axes));
        var ties = ReductionRules.Spread(Fn.Sum(isMax, Axes, KeepDims), x, Axes);
        return [ReductionRules.Spread(g, x, Axes) * isMax / ties];
    }
}

public static partial class Fn
{
    /// <summary>The maximum of <paramref name="x"/> over <paramref name="axes"/> (<see cref="MaxOp"/>); ties share the gradient evenly.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes reduced (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the reduced axes as axes of size 1, so the result broadcasts against <paramref name="x"/>.</param>
    /// <returns>A node of <paramref name="x"/>'s shape without the reduced axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range for <paramref name="x"/>'s rank or repeated.</exception>
    public static Expr Max(Expr x, Axes? axes = null, bool keepDims = false) => new Apply(new MaxOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "max")));
    /// <summary>The minimum of <paramref name="x"/> over <paramref name="axes"/>: −max(−x), so ties share the gradient evenly as for <see cref="Max"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes reduced (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the reduced axes as axes of size 1.</param>
    /// <returns>A node of <paramref name="x"/>'s shape without the reduced axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range for <paramref name="x"/>'s rank or repeated.</exception>
    public static Expr Min(Expr x, Axes? axes = null, bool keepDims = false) => -Max(-Guard.NotNull(x, "min"), axes, keepDims);
}
