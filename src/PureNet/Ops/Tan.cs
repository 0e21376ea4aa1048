using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = tan x; dy/dx = 1 + tan² x = 1 + y².</summary>
public sealed record TanOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "tan";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("tan", @"\tan", 1);
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tan(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (1.0 + y * y);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (1.0 + y * y)];
}

public static partial class Fn
{
    /// <summary>tan x elementwise; d/dx = 1 + tan² x (<see cref="TanOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Tan(Expr x) => Unary(new TanOp(), Guard.NotNull(x, "tan"));
}
