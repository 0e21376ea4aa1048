using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>y = sin x; dy/dx = cos x.</summary>
public sealed record SinOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "sin";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("sin", @"\sin", 1);
    /// <inheritdoc/>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Sin(x[0], allocate);
    /// <inheritdoc/>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Cos(y.Inputs[0]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Cos(y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>sin x elementwise; d/dx = cos x (<see cref="SinOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Sin(Expr x) => Unary(new SinOp(), x);
}
