using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = x, but no gradient flows through (JAX's stop_gradient): a value treated as a constant.</summary>
public sealed record StopGradientOp : IOp
{
    public string Name => "stop_gradient";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => x[0];
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(g)];
}

public static partial class Fn
{
    public static Expr StopGradient(Expr x) => Unary(new StopGradientOp(), x);
}
