using System.Collections.Immutable;
using System.Numerics;

namespace PureNet;

/// <summary>y = cos x; dy/dx = −sin x.</summary>
public sealed record CosOp : PrimitiveOp
{
    public override string Name => "cos";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("cos", @"\cos", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Cos(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => -(t[0] * Fn.Sin(y.Inputs[0]));
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [-(g * Fn.Sin(y.Inputs[0]))];
}

public static partial class Fn
{
    public static Expr Cos(Expr x) => Unary(new CosOp(), x);
}
