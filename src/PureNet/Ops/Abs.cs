using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = |x|; dy/dx = sign(x), so abs′(0) = 0 (the subgradient of least norm).</summary>
public sealed record AbsOp : PrimitiveOp
{
    public override string Name => "abs";
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("|x|",
        new(Precedence.Atom, "|", Notation.Input(0), "|"),
        new(Precedence.Atom, @"\left|", Notation.Input(0), @"\right|"));
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Abs(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] * Fn.Sign(y.Inputs[0]);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * Fn.Sign(y.Inputs[0])];
}

public static partial class Fn
{
    public static Expr Abs(Expr x) => Unary(new AbsOp(), x);
}
