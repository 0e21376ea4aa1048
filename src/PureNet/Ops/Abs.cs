using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = |x|; dy/dx = sign(x), so abs′(0) = 0 (the subgradient of least norm).</summary>
public sealed record AbsOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "abs";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("|x|",
        new(Precedence.Atom, "|", Notation.Input(0), "|"),
        new(Precedence.Atom, @"\left|", Notation.Input(0), @"\right|"));
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Abs(x[0], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Sign(y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sign(y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>|x| elementwise; its derivative is sign(x), 0 at 0 (<see cref="AbsOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Abs(Expr x) => Unary(new AbsOp(), x);
}
