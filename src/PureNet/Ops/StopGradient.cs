using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = x, but no gradient flows through (JAX's stop_gradient): a value treated as a constant.</summary>
public sealed record StopGradientOp : PrimitiveOp
{
    public override string Name => "stop_gradient";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function(Name, @"\operatorname{sg}", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) => x[0];
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(g)];
}

public static partial class Fn
{
    public static Expr StopGradient(Expr x) => Unary(new StopGradientOp(), x);
}
