using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = aᵇ; dz/da = b·a^(b−1), dz/db = z·ln a (taken as 0 where a = 0, the limit for b &gt; 0).</summary>
public sealed record PowOp : PrimitiveOp
{
    public override string Name => "pow";
    /// <summary>x^y, right-associative; in LaTeX the exponent is a group and a base that is not an atom is parenthesised.</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("^",
        new(Precedence.Power, Notation.Input(0, Precedence.Power + 1), "^", Notation.Input(1, Precedence.Power)),
        new(Precedence.Power, Notation.Input(0, Precedence.Atom), "^{", Notation.Input(1), "}"));
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Pow(x[0], x[1], allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var (a, b) = (y.Inputs[0], y.Inputs[1]);
        var da = g * b * Fn.Pow(a, b - 1.0);
        var isZero = Fn.Compare(a, CompareKind.Equal, Fn.ZerosLike(a));
        var db = g * y * Fn.Where(isZero, Fn.ZerosLike(a), Fn.Log(Fn.Where(isZero, Fn.OnesLike(a), a)));
        return [da, db];
    }
}

public static partial class Fn
{
    public static Expr Pow(Expr a, Expr b) => Binary(new PowOp(), a, b);
    public static Expr Pow(Expr a, double b) => Pow(a, Scalar(b));
    public static Expr OnesLike(Expr x) => Ones(Guard.NotNull(x, "OnesLike").Shape);
}
