using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = −x; dy/dx = −1.</summary>
public sealed record NegOp : IOp
{
    public string Name => "neg";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Neg(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [-g];
}

public static partial class Fn
{
    public static Expr Neg(Expr x) => IsZero(Guard.NotNull(x, "neg")) ? x : Unary(new NegOp(), x);
}
