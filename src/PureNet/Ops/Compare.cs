using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>A 0/1 mask of a comparison. Piecewise constant: its derivative is 0 for both inputs.</summary>
public sealed record CompareOp(CompareKind Kind) : PrimitiveOp
{
    public override string Name => Kind switch
    {
        CompareKind.Less => "less",
        CompareKind.LessOrEqual => "less_equal",
        CompareKind.Greater => "greater",
        CompareKind.GreaterOrEqual => "greater_equal",
        CompareKind.Equal => "equal",
        _ => "not_equal",
    };
    /// <summary>An Iverson bracket: [a > b] is 1 where the comparison holds and 0 elsewhere.</summary>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var (text, latex) = Kind switch
        {
            CompareKind.Less => ("<", "<"),
            CompareKind.LessOrEqual => ("≤", @"\leq"),
            CompareKind.Greater => (">", ">"),
            CompareKind.GreaterOrEqual => ("≥", @"\geq"),
            CompareKind.Equal => ("=", "="),
            _ => ("≠", @"\neq"),
        };
        return new(text,
            new(Precedence.Atom, "[", Notation.Input(0, Precedence.Sum), $" {text} ", Notation.Input(1, Precedence.Sum), "]"),
            new(Precedence.Atom, "[", Notation.Input(0, Precedence.Sum), $" {latex} ", Notation.Input(1, Precedence.Sum), "]"));
    }

    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        Guard.Defined(Kind, "compare");
        return ShapeRules.Same(Name, s, 2);
    }

    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Masks.Compare(x[0], x[1], Kind, Name, allocate);

    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0]), Fn.ZerosLike(y.Inputs[1])];
}

public static partial class Fn
{
    public static Expr Compare(Expr a, CompareKind kind, Expr b) => Binary(new CompareOp(Guard.Defined(kind, "compare")), a, b);
    public static Expr Greater(Expr a, Expr b) => Compare(a, CompareKind.Greater, b);
    public static Expr Less(Expr a, Expr b) => Compare(a, CompareKind.Less, b);
    public static Expr Equal(Expr a, Expr b) => Compare(a, CompareKind.Equal, b);
}
