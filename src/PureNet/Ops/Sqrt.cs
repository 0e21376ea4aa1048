using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = √x; dy/dx = 1/(2y).</summary>
public sealed record SqrtOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "sqrt";
    /// <summary>√x (looser than a power, so (√x)^2 keeps its parentheses), \sqrt{x} in LaTeX.</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("√",
        new(Precedence.Power, "√", Notation.Input(0, Precedence.Atom)),
        new(Precedence.Atom, @"\sqrt{", Notation.Input(0), "}"));
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Sqrt(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => 0.5 * t[0] / y;
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [0.5 * g / y];
}

public static partial class Fn
{
    /// <summary>√x elementwise (NaN below 0); d/dx = 1/(2√x) (<see cref="SqrtOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Sqrt(Expr x) => Unary(new SqrtOp(), x);
}
