using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = eˣ; dy/dx = y.</summary>
public sealed record ExpOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "exp";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("exp", @"\exp", 1);
    /// <inheritdoc/>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    /// <inheritdoc/>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Exp(x[0], allocate);
    /// <inheritdoc/>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * y;
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * y];
}

public static partial class Fn
{
    /// <summary>eˣ elementwise; d/dx = eˣ (<see cref="ExpOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Exp(Expr x) => Unary(new ExpOp(), x);
}
