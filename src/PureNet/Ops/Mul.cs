using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a·b; dz/da = b, dz/db = a.</summary>
public sealed record MulOp : PrimitiveOp
{
    public override string Name => "mul";
    /// <summary>An elementwise product: * in text, ⊙ in LaTeX, · there when one factor is a coefficient (2·x).</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs) =>
        Notation.Binary("*", @"\odot", Precedence.Product) with { LatexWithCoefficient = Notation.Binary("*", @"\cdot", Precedence.Product).Latex };
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Mul(x[0], x[1], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Bilinear(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * y.Inputs[1], g * y.Inputs[0]];
}

public static partial class Fn
{
    /// <summary>a·b elementwise with numpy broadcasting; a product with a known zero is a zero.</summary>
    public static Expr Mul(Expr a, Expr b)
    {
        Guard.NotNull(a, "mul");
        Guard.NotNull(b, "mul");
        return IsZero(a) || IsZero(b) ? Zeros(Broadcast.Shapes(a.Shape, b.Shape, "mul")) : Binary(new MulOp(), a, b);
    }
}
