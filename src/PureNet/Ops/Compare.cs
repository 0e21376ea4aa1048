using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>z = [a ∘ b], a 0/1 mask of an elementwise comparison (NaN compares false, except for ≠). Piecewise constant: its derivative is 0 for both inputs.</summary>
/// <param name="Kind">The comparison.</param>
public sealed record CompareOp(CompareKind Kind) : PrimitiveOp
{
    /// <inheritdoc/>
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
    /// <param name="inputs">The operands' shapes.</param>
    /// <returns>The op's notation.</returns>
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

    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        Guard.Defined(Kind, "compare");
        return ShapeRules.Same(Name, s, 2);
    }

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Masks.Compare(x[0], x[1], Kind, Name, allocate);

    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0]), Fn.ZerosLike(y.Inputs[1])];
}

public static partial class Fn
{
    /// <summary>The 0/1 mask [a ∘ b] elementwise with numpy broadcasting (<see cref="CompareOp"/>); it carries no gradient.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="kind">The comparison ∘.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>A node of the broadcast shape holding 1 where the comparison holds and 0 elsewhere.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a <see cref="CompareKind"/>.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Compare(Expr a, CompareKind kind, Expr b) => Binary(new CompareOp(Guard.Defined(kind, "compare")), a, b);
    /// <summary>The mask [a &gt; b]: <c>Compare(a, CompareKind.Greater, b)</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>A 0/1 node of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Greater(Expr a, Expr b) => Compare(a, CompareKind.Greater, b);
    /// <summary>The mask [a &lt; b]: <c>Compare(a, CompareKind.Less, b)</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>A 0/1 node of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Less(Expr a, Expr b) => Compare(a, CompareKind.Less, b);
    /// <summary>The mask [a = b]: <c>Compare(a, CompareKind.Equal, b)</c>.</summary>
    /// <param name="a">The left operand.</param>
    /// <param name="b">The right operand.</param>
    /// <returns>A 0/1 node of the broadcast shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Equal(Expr a, Expr b) => Compare(a, CompareKind.Equal, b);
}
