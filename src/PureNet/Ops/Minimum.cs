using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = min(a, b) elementwise; the gradient goes to the smaller input, split half and half at ties.</summary>
public sealed record MinimumOp : IOp
{
    public string Name => "minimum";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 2);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Minimum(x[0], x[1], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => Fn.WinnerSplit(y, g, CompareKind.Less);
}

public static partial class Fn
{
    public static Expr Minimum(Expr a, Expr b) => Binary(new MinimumOp(), a, b);
}
