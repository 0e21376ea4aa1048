using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = tanh x; dy/dx = 1 − y², applied in one pass by <see cref="ActivationGradOp"/>.</summary>
public sealed record TanhOp : IOp
{
    public string Name => "tanh";
    public Shape InferShape(Seq<Shape> s) => Rules.Same(Name, s, 1);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output) where T : unmanaged, IFloatingPointIeee754<T> => Eval(x, output, null);
    public Tensor<T> Eval<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pointwise.Tanh(x[0], allocate);
    public ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ActivationGrad(ActivationKind.Tanh, y, g)];
}

public static partial class Fn
{
    public static Expr Tanh(Expr x) => Unary(new TanhOp(), x);
}
