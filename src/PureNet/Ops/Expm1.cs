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
    /// <remarks>
    /// <c>TensorPrimitives.ExpM1</c> computes eˣ − 1 as written (3.3e-8 gives 0 in float), so the kernel corrects eˣ
    /// by Kahan's identity: with u = fl(eˣ), eˣ − 1 = (u − 1)·x / log u, exact to a few ulps for every x (u = 1 gives x).
    /// </remarks>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y)
    {
        if (x.Overlaps(y)) x = x.ToArray();                    // the correction reads x after eˣ is written
        TensorPrimitives.Exp(x, y);
        for (var i = 0; i < y.Length; i++)
        {
            var u = y[i];
            y[i] = u == T.One ? x[i]
                : u - T.One == -T.One || T.IsInfinity(u) || T.IsNaN(u) ? u - T.One
                : (u - T.One) * x[i] / T.Log(u);
        }
    }
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
