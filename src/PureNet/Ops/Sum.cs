using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// y = Σ x over <paramref name="Axes"/> (every axis when empty); the derivative broadcasts the cotangent back over the
/// summed axes (∂y/∂xᵢ = 1).
/// </summary>
/// <param name="Axes">The axes summed (negative counts from the end); <see cref="Axes.All"/> for every axis.</param>
/// <param name="KeepDims">Whether the summed axes stay as axes of size 1.</param>
public sealed record SumOp(Axes Axes, bool KeepDims) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "sum";
    /// <summary>sum_1(x) in text, \sum_{1}(x) in LaTeX: the axes summed over as a subscript, none when all are.</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => ReductionRules.Notation("sum", @"\sum", Axes, inputs);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) { ShapeRules.Arity(Name, s, 1); return ReductionRules.Shape(Name, s[0], Axes, KeepDims); }
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Reduce.Sum(x[0], Axes, KeepDims, Name, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [ReductionRules.Spread(g, y.Inputs[0], Axes)];
}

/// <summary>What the reductions share: the output shape, the broadcast of a cotangent back to the input, and how they print.</summary>
internal static class ReductionRules
{
    public static Shape Shape(string op, Shape x, Axes axes, bool keepDims) => Reduce.ReducedShape(x, Guard.NotNull(axes, op).Normalize(x, op), keepDims);

    /// <summary>g, shaped like the reduction's output, broadcast back to the input x's shape.</summary>
    public static Expr Spread(Expr g, Expr x, Axes axes) =>
        Fn.BroadcastTo(Fn.Reshape(g, Shape("sum", x.Shape, axes, keepDims: true)), x.Shape);

    /// <summary>
    /// name_1(x) in text and \sum_{1}(x), \max_{1}(x) in LaTeX: the (normalised) axes as a subscript, none when all are
    /// reduced. The operand always has its parentheses, so \sum_{1}(x) \odot y cannot be read as a sum of the product.
    /// </summary>
    public static Notation Notation(string name, string latex, Axes axes, IReadOnlyList<Shape> inputs)
    {
        var x = inputs[0];
        var a = axes.Normalize(x, name);
        var (text, sub) = (name + PureNet.Notation.AxesText(a, x.Rank), latex + PureNet.Notation.AxesLatex(a, x.Rank));
        return new(text, new Form(Precedence.Atom, text + "(", PureNet.Notation.Input(0), ")"), new Form(Precedence.Atom, sub + "(", PureNet.Notation.Input(0), ")"));
    }
}

public static partial class Fn
{
    /// <summary>The sum of <paramref name="x"/> over <paramref name="axes"/> (<see cref="SumOp"/>).</summary>
    /// <param name="x">The input.</param>
    /// <param name="axes">The axes summed (negative counts from the end); null or empty for every axis.</param>
    /// <param name="keepDims">Keep the summed axes as axes of size 1, so the result broadcasts against <paramref name="x"/>.</param>
    /// <returns>A node of <paramref name="x"/>'s shape without the summed axes (or with them at size 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range for <paramref name="x"/>'s rank or repeated.</exception>
    public static Expr Sum(Expr x, Axes? axes = null, bool keepDims = false) => new Apply(new SumOp(axes ?? Axes.All, keepDims), Inputs(Guard.NotNull(x, "sum")));
}
