using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = sinh x; dy/dx = cosh x.</summary>
public sealed record SinhOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "sinh";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("sinh", @"\sinh", 1);
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sinh(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Cosh(y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Cosh(y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>sinh x elementwise; d/dx = cosh x (<see cref="SinhOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Sinh(Expr x) => Unary(new SinhOp(), Guard.NotNull(x, "sinh"));
}
