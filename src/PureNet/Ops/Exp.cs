using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = eˣ; dy/dx = y.</summary>
public sealed record ExpOp : PrimitiveOp
{
    public override string Name => "exp";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("exp", @"\exp", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Exp(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * y;
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * y];
}

public static partial class Fn
{
    public static Expr Exp(Expr x) => Unary(new ExpOp(), x);
}
