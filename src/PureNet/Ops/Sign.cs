using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>y = sign(x) ∈ {−1, 0, 1}; piecewise constant, so its derivative is 0 everywhere (also at 0, by convention).</summary>
public sealed record SignOp : IOp
{
    public string Name => "sign";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Sign(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Sign(Expr x) => Unary(new SignOp(), x);
}
