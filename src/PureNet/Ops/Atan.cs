using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = arctan x; dy/dx = 1/(1 + x²).</summary>
public sealed record AtanOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "atan";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("atan", @"\arctan", 1);
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Atan(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] / (1.0 + y.Inputs[0] * y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / (1.0 + y.Inputs[0] * y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>arctan x elementwise; d/dx = 1/(1 + x²) (<see cref="AtanOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Atan(Expr x) => Unary(new AtanOp(), Guard.NotNull(x, "atan"));
}
