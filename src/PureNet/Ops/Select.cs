using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// z = cond ≠ 0 ? a : b, elementwise. The cotangent goes to the chosen branch only, and nothing is multiplied
/// by the unchosen one, so an infinite or NaN value there does not leak into z or its gradient.
/// </summary>
public sealed record SelectOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "where";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("where", @"\operatorname{where}", 3);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 3);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Masks.Select(x[0], x[1], x[2], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Where(y.Inputs[0], t[1], t[2]);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var c = y.Inputs[0];
        var zero = Fn.ZerosLike(g);
        return [Fn.ZerosLike(c), Fn.Where(c, g, zero), Fn.Where(c, zero, g)];
    }
}

public static partial class Fn
{
    /// <summary>cond ≠ 0 ? a : b elementwise, all three broadcast to one shape (<see cref="SelectOp"/>); the gradient reaches only the chosen branch.</summary>
    /// <param name="cond">The condition; nonzero selects <paramref name="a"/> (NaN counts as nonzero).</param>
    /// <param name="a">The value where the condition holds.</param>
    /// <param name="b">The value elsewhere.</param>
    /// <returns>A node of the broadcast shape of the three.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Where(Expr cond, Expr a, Expr b)
    {
        Guard.NotNull(cond, "where");
        Guard.NotNull(a, "where");
        Guard.NotNull(b, "where");
        var shape = Broadcast.Shapes(Broadcast.Shapes(cond.Shape, a.Shape, "where"), b.Shape, "where");
        return new Apply(new SelectOp(), Inputs(BroadcastTo(cond, shape), BroadcastTo(a, shape), BroadcastTo(b, shape)));
    }
}
