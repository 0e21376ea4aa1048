using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>y = ln x; dy/dx = 1/x.</summary>
public sealed record LogOp : PrimitiveOp
{
    public override string Name => "log";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("log", @"\log", 1);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Log(x[0], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => t[0] / y.Inputs[0];
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g / y.Inputs[0]];
}

public static partial class Fn
{
    public static Expr Log(Expr x) => Unary(new LogOp(), x);
}
