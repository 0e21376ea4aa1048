using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a / b; dz/da = 1/b, dz/db = −a/b² = −z/b.</summary>
public sealed record DivOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "div";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) =>
        Notation.Binary("/", "/", Precedence.Product) with { Latex = new(Precedence.Postfix, @"\frac{", Notation.Input(0), "}{", Notation.Input(1), "}") };
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Div(x[0], x[1], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var b = y.Inputs[1];
        var ga = g / b;
        return [ga, -(ga * y)];
    }
}

public static partial class Fn
{
    /// <summary>a / b elementwise with numpy broadcasting (<see cref="DivOp"/>); d/da = 1/b, d/db = −a/b².</summary>
    /// <param name="a">The dividend.</param>
    /// <param name="b">The divisor.</param>
    /// <returns>A node of the broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Div(Expr a, Expr b) => Binary(new DivOp(), a, b);
}
