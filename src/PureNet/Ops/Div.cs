using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a / b; dz/da = 1/b, dz/db = −a/b² = −z/b.</summary>
public sealed record DivOp : IOp
{
    public string Name => "div";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 2);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Div(x[0], x[1], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var b = y.Inputs[1];
        var ga = g / b;
        return [ga, -(ga * y)];
    }
}

public static partial class Fn
{
    public static Expr Div(Expr a, Expr b) => Binary(new DivOp(), a, b);
}
