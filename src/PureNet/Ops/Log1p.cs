using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = ln(1 + x), accurate for tiny x; dy/dx = 1/(1 + x).</summary>
public sealed record Log1pOp : PrimitiveOp
{
    public override string Name => "log1p";
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Log1p(x[0], allocate);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / (1.0 + y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Log1p(Expr x) => Unary(new Log1pOp(), x);
}
