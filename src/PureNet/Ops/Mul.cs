using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = a·b; dz/da = b, dz/db = a.</summary>
public sealed record MulOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "mul";
    /// <summary>An elementwise product: * in text, ⊙ in LaTeX, · there when one factor is a coefficient (2·x).</summary>
    /// <param name="inputs">The operands' shapes.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) =>
        Notation.Binary("*", @"\odot", Precedence.Product) with { LatexWithCoefficient = Notation.Binary("*", @"\cdot", Precedence.Product).Latex };
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Mul(x[0], x[1], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Bilinear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [g * y.Inputs[1], g * y.Inputs[0]];
}

public static partial class Fn
{
    /// <summary>a·b elementwise with numpy broadcasting (<see cref="MulOp"/>); a product with a known zero is a zero.</summary>
    /// <param name="a">The first factor.</param>
    /// <param name="b">The second factor.</param>
    /// <returns>A node of the broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Mul(Expr a, Expr b)
    {
        Guard.NotNull(a, "mul");
        Guard.NotNull(b, "mul");
        return IsZero(a) || IsZero(b) ? Zeros(Broadcast.Shapes(a.Shape, b.Shape, "mul")) : Binary(new MulOp(), a, b);
    }
}
