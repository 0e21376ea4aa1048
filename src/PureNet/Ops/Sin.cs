using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>y = sin x; dy/dx = cos x.</summary>
public sealed record SinOp : PrimitiveOp
{
    public override string Name => "sin";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("sin", @"\sin", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Sin(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Cos(y.Inputs[0]);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Cos(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Sin(Expr x) => Unary(new SinOp(), x);
}
