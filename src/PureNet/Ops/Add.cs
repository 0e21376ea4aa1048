using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a + b; dz/da = dz/db = 1.</summary>
public sealed record AddOp : PrimitiveOp
{
    public override string Name => "add";
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Binary("+", "+", Precedence.Sum);
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Add(x[0], x[1], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g, g];
}

public static partial class Fn
{
    /// <summary>a + b with numpy broadcasting; adding a known zero returns the other operand.</summary>
    public static Expr Add(Expr a, Expr b)
    {
        Guard.NotNull(a, "add");
        Guard.NotNull(b, "add");
        return IsZero(a) && Broadcast.Reaches(a.Shape, b.Shape) ? b
            : IsZero(b) && Broadcast.Reaches(b.Shape, a.Shape) ? a
            : Binary(new AddOp(), a, b);
    }
}
