using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = √x; dy/dx = 1/(2y).</summary>
public sealed record SqrtOp : IOp
{
    public string Name => "sqrt";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Sqrt(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [0.5 * g / y];
}

public static partial class Fn
{
    public static Expr Sqrt(Expr x) => Unary(new SqrtOp(), x);
}
