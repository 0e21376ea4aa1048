using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = aᵇ; dz/da = b·a^(b−1), dz/db = z·ln a (taken as 0 where a = 0, the limit for b &gt; 0).</summary>
public sealed record PowOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "pow";
    /// <summary>x^y, right-associative; in LaTeX the exponent is a group and a base that is not an atom is parenthesised.</summary>
    /// <param name="inputs">The operands' shapes.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("^",
        new(Precedence.Power, Notation.Input(0, Precedence.Power + 1), "^", Notation.Input(1, Precedence.Power)),
        new(Precedence.Power, Notation.Input(0, Precedence.Atom), "^{", Notation.Input(1), "}"));
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Pow(x[0], x[1], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    /// <inheritdoc/>
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
    /// <summary>aᵇ elementwise with numpy broadcasting (<see cref="PowOp"/>); d/da = b·a^(b−1), d/db = aᵇ·ln a (0 where a = 0).</summary>
    /// <param name="a">The base.</param>
    /// <param name="b">The exponent.</param>
    /// <returns>A node of the broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Pow(Expr a, Expr b) => Binary(new PowOp(), a, b);
    /// <summary>a raised to a constant power, elementwise: <c>Pow(a, Scalar(b))</c>.</summary>
    /// <param name="a">The base.</param>
    /// <param name="b">The exponent.</param>
    /// <returns>A node of <paramref name="a"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static Expr Pow(Expr a, double b) => Pow(a, Scalar(b));
    /// <summary>A fill of ones shaped like <paramref name="x"/> (batch axis included).</summary>
    /// <param name="x">The expression whose shape is copied; its value is not used.</param>
    /// <returns>A <see cref="FillOp"/> node of value 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr OnesLike(Expr x) => Ones(Guard.NotNull(x, "OnesLike").Shape);
}
