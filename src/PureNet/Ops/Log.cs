using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = ln x; dy/dx = 1/x.</summary>
public sealed record LogOp : IOp
{
    public string Name => "log";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Log(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / y.Inputs[0]];
}

public static partial class Fn
{
    public static Expr Log(Expr x) => Unary(new LogOp(), x);
}
