using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = |x|; dy/dx = sign(x), so abs′(0) = 0 (the subgradient of least norm).</summary>
public sealed record AbsOp : IOp
{
    public string Name => "abs";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Abs(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sign(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Abs(Expr x) => Unary(new AbsOp(), x);
}
