using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = 1/√x; dy/dx = −½ x^(−3/2) = −y/(2x).</summary>
public sealed record RsqrtOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "rsqrt";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("rsqrt", new(Precedence.Product, "1 / √", Notation.Input(0, Precedence.Atom)), new(Precedence.Atom, @"\frac{1}{\sqrt{", Notation.Input(0), "}}"));
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.ReciprocalSqrt(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => -0.5 * t[0] * y / y.Inputs[0];
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [-0.5 * g * y / y.Inputs[0]];
}

public static partial class Fn
{
    /// <summary>1/√x elementwise; d/dx = −½ x^(−3/2) (<see cref="RsqrtOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Rsqrt(Expr x) => Unary(new RsqrtOp(), Guard.NotNull(x, "rsqrt"));
}
