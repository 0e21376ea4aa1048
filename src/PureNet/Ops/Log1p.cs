using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = ln(1 + x), accurate for tiny x; dy/dx = 1/(1 + x).</summary>
public sealed record Log1pOp : IOp
{
    public string Name => "log1p";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Log1p(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / (1.0 + y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Log1p(Expr x) => Unary(new Log1pOp(), x);
}
