using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = −x; dy/dx = −1.</summary>
public sealed record NegOp : PrimitiveOp
{
    public override string Name => "neg";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Prefix("-", "-");
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Neg(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [-g];
}

public static partial class Fn
{
    public static Expr Neg(Expr x) => IsZero(Guard.NotNull(x, "neg")) ? x : Unary(new NegOp(), x);
}
