using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a / b; dz/da = 1/b, dz/db = −a/b² = −z/b.</summary>
public sealed record DivOp : PrimitiveOp
{
    public override string Name => "div";
    public override Notation Format(IReadOnlyList<Shape> inputs) =>
        Notation.Binary("/", "/", Precedence.Product) with { Latex = new(Precedence.Postfix, @"\frac{", Notation.Input(0), "}{", Notation.Input(1), "}") };
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Div(x[0], x[1], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var b = y.Inputs[1];
        var ga = g / b;
        return [ga, -(ga * y)];
    }
}

public static partial class Fn
{
    public static Expr Div(Expr a, Expr b) => Binary(new DivOp(), a, b);
}
