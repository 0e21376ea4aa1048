using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = ln(1 + x), accurate for tiny x; dy/dx = 1/(1 + x).</summary>
public sealed record Log1pOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "log1p";
    /// <summary>log1p(x) in text (it names the accurate kernel), log(1 + x) in LaTeX.</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) =>
        Notation.Function(Name, 1) with { Latex = new(Precedence.Atom, @"\log(1 + ", Notation.Input(0, Precedence.Sum + 1), ")") };
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Log1p(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] / (1.0 + y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / (1.0 + y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>ln(1 + x) elementwise, accurate for tiny x; d/dx = 1/(1 + x) (<see cref="Log1pOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Log1p(Expr x) => Unary(new Log1pOp(), x);
}
