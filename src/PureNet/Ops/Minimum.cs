using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = min(a, b) elementwise; the gradient goes to the smaller input, split half and half at ties.</summary>
public sealed record MinimumOp : PrimitiveOp
{
    public override string Name => "minimum";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("min", @"\min", 2);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Minimum(x[0], x[1], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => Fn.WinnerSplit(y, g, CompareKind.Less);
}

public static partial class Fn
{
    public static Expr Minimum(Expr a, Expr b) => Binary(new MinimumOp(), a, b);
}
