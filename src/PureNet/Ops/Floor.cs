using System.Collections.Immutable;
using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>y = ⌊x⌋. Piecewise constant: its derivative is 0 wherever it exists (everywhere but the integers), as in PyTorch and JAX.</summary>
public sealed record FloorOp : UnaryElementwiseOp
{
    /// <inheritdoc/>
    public override string Name => "floor";
    /// <inheritdoc/>
    public override Notation Format(IReadOnlyList<Shape> inputs) => new("floor", new(Precedence.Atom, "⌊", Notation.Input(0), "⌋"), new(Precedence.Atom, @"\lfloor ", Notation.Input(0), @" \rfloor"));
    /// <inheritdoc/>
    protected override void Map<T>(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Floor(x, y);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Fn.Zeros(y.Shape);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.ZerosLike(y.Inputs[0])];
}

public static partial class Fn
{
    /// <summary>⌊x⌋ elementwise (the largest integer ≤ x); its derivative is 0 (<see cref="FloorOp"/>).</summary>
    /// <param name="x">The input, of any shape.</param>
    /// <returns>A node of <paramref name="x"/>'s shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static Expr Floor(Expr x) => Unary(new FloorOp(), Guard.NotNull(x, "floor"));
}
