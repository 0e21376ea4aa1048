using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = x²; dy/dx = 2x. A primitive, so a square reads x² and costs one pass.</summary>
public sealed record SquareOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "square";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("square", new(Precedence.Power, Notation.Input(0, Precedence.Power + 1), "^2"), new(Precedence.Power, Notation.Input(0, Precedence.Atom), "^{2}"));
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Multiply(x, x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => 2.0 * (y.Inputs[0] * t[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [2.0 * (y.Inputs[0] * g)];
}

public static partial class Fn
{
    /// <summary>x² elementwise; d/dx = 2x (<see cref="SquareOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Square(Expr x) => Unary(new SquareOp(), Guard.NotNull(x, "square"));
}
