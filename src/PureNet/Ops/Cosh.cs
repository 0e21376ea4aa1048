using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = cosh x; dy/dx = sinh x.</summary>
public sealed record CoshOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "cosh";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("cosh", @"\cosh", 1);
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Cosh(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Sinh(y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sinh(y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>cosh x elementwise; d/dx = sinh x (<see cref="CoshOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Cosh(Expr x) => Unary(new CoshOp(), Guard.NotNull(x, "cosh"));
}
