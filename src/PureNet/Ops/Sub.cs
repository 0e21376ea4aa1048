using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a − b; dz/da = 1, dz/db = −1.</summary>
public sealed record SubOp : PrimitiveOp
{
    public override string Name => "sub";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Binary("-", "-", Precedence.Sum);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Sub(x[0], x[1], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g, -g];
}

public static partial class Fn
{
    public static Expr Sub(Expr a, Expr b)
    {
        Guard.NotNull(a, "sub");
        Guard.NotNull(b, "sub");
        return IsZero(b) && Broadcast.Reaches(b.Shape, a.Shape) ? a : Binary(new SubOp(), a, b);
    }
}
