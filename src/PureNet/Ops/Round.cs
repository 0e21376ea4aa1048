using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = x rounded to the nearest integer, halves to even (2.5 → 2, as PyTorch and numpy). Piecewise constant: its derivative is 0 wherever it exists (everywhere but the half-integers).</summary>
public sealed record RoundOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "round";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Function("round", @"\operatorname{round}", 1);
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Round(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>x rounded to the nearest integer elementwise, halves to even (2.5 → 2); its derivative is 0 (<see cref="RoundOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Round(Expr x) => Unary(new RoundOp(), Guard.NotNull(x, "round"));
}
