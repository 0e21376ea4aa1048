using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// y = (1/N) Σ x over <paramref name="Axes"/> (every axis when empty), N the number of elements combined, which may
/// involve the batch size; ∂y/∂xᵢ = 1/N.
/// </summary>
/// <param name="Axes">The axes averaged (negative counts from the end); <see cref="Axes.All"/> for every axis.</param>
/// <param name="KeepDims">Whether the averaged axes stay as axes of size 1.</param>
public sealed record MeanOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "mean";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => ReductionRules.Notation("mean", @"\operatorname{mean}", Axes, inputs);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Reduce.Mean(x[0], Axes, KeepDims, Name, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0];
        return [ReductionRules.Spread(g, x, Axes) / Fn.Count(x, Axes)];
    }
}

/// <summary>The number of elements over the given axes of x, as a scalar; it depends on x's shape only, so its derivative is 0.</summary>
/// <param name="Axes">The axes counted (negative counts from the end); <see cref="Axes.All"/> for every axis.</param>
public sealed record CountOp(Axes Axes) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "count";
    /// <summary>N, the number of elements counted (N_1 over axis 1): its input is not shown, only its shape matters.</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var axes = Axes.Normalize(inputs[0], Name);
        return new("N", new(Precedence.Atom, "N" + Notation.AxesText(axes, inputs[0].Rank)), new(Precedence.Atom, "N" + Notation.AxesLatex(axes, inputs[0].Rank)));
    }
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); Guard.NotNull(Axes, Name).Normalize(s[0], Name); return Shape.Scalar; }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Tensor.Scalar(T.CreateChecked(Of(x[0].Shape, Axes)));
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];

    /// <summary>In 64 bits: axes of an empty tensor may multiply past int (0 × 65536 × 65536 holds no elements).</summary>
    internal static long Of(Shape shape, Axes axes) => ShapeOf.Count(shape, axes);
}

public static partial class Fn
{
    /// <summary>The mean of <paramref name="x"/> over <paramref name="axes"/> (<see cref="MeanOp"/>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes averaged (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the averaged axes as axes of size 1, so the result broadcasts against <paramref name="x"/>.</param>
    /// <returns>A node of <paramref name="x"/>'s shape without the averaged axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range for <paramref name="x"/>'s rank or repeated.</exception>
    public static Expr Mean(Expr x, Axes? axes = null, bool keepDims = false) => new Apply(new MeanOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "mean")));

    /// <summary>The element count of <paramref name="x"/> over <paramref name="axes"/> (<see cref="CountOp"/>), known at call time when x has a batch axis.</summary>
    /// <param name="x">The expression whose shape is counted; its value is not used.</param>
    /// <param name="axes">The axes counted (negative counts from the end); null or empty for every axis.</param>
    /// <returns>A scalar node holding the product of the sizes of those axes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range for <paramref name="x"/>'s rank or repeated.</exception>
    public static Expr Count(Expr x, Axes? axes = null) => new Apply(new CountOp(axes ?? Axes.All), Inputs(Guard.NotNull(x, "count")));
}
