using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;
using LanguageExt;

namespace PureNet;

/// <summary>z = max(a, b) elementwise; the gradient goes to the larger input, split half and half at ties.</summary>
public sealed record MaximumOp : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "maximum";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("max", @"\max", 2);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 2);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Pointwise.Maximum(x[0], x[1], allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Diagonal(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => Fn.WinnerSplit(y, g, CompareKind.Greater);
}

public static partial class Fn
{
    /// <summary>max(a, b) elementwise with numpy broadcasting (<see cref="MaximumOp"/>); the gradient goes to the larger operand, half to each at a tie.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">The second operand.</param>
    /// <returns>A node of the broadcast shape of <paramref name="a"/> and <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Expr Maximum(Expr a, Expr b) => Binary(new MaximumOp(), a, b);

    /// <summary>Cotangents of a two-way choice: all to the winner, half each at a tie.</summary>
    internal static ImmutableArray<Expr> WinnerSplit(Apply y, Expr g, CompareKind wins)
    {
        var (a, b) = (y.Inputs[0], y.Inputs[1]);
        var share = Compare(a, wins, b) + 0.5 * Compare(a, CompareKind.Equal, b);
        var ga = g * share;
        return [ga, g - ga];
    }
}
