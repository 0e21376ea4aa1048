using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = 1/x; dy/dx = −1/x² = −y².</summary>
public sealed record ReciprocalOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "reciprocal";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("reciprocal", new(Precedence.Product, "1 / ", Notation.Input(0, Precedence.Product + 1)), new(Precedence.Atom, @"\frac{1}{", Notation.Input(0), "}"));
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Reciprocal(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => -(t[0] * y * y);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [-(g * y * y)];
}

public static partial class Fn
{
    /// <summary>1/x elementwise; d/dx = −1/x² (<see cref="ReciprocalOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Reciprocal(Expr x) => Unary(new ReciprocalOp(), Guard.NotNull(x, "reciprocal"));
}
