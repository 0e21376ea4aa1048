using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = eˣ − 1, accurate where x is small (exp(1e-10) − 1 keeps 6 digits; expm1 keeps all); dy/dx = eˣ = y + 1.</summary>
public sealed record Expm1Op : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "expm1";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("expm1", @"\operatorname{expm1}", 1);
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.ExpM1(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * (y + 1.0);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * (y + 1.0)];
}

public static partial class Fn
{
    /// <summary>eˣ − 1 elementwise, accurate for small x; d/dx = eˣ (<see cref="Expm1Op"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Expm1(Expr x) => Unary(new Expm1Op(), Guard.NotNull(x, "expm1"));
}
