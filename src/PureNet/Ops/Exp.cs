using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = eˣ; dy/dx = y.</summary>
public sealed record ExpOp : IOp
{
    public string Name => "exp";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Exp(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * y];
}

public static partial class Fn
{
    public static Expr Exp(Expr x) => Unary(new ExpOp(), x);
}
