using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// y = x stretched to <paramref name="Shape"/> by numpy's rule: size-1 axes repeat and missing leading axes are added;
/// the derivative sums the stretched axes back (<see cref="Fn.SumTo"/>).
/// </summary>
/// <param name="Shape">The target shape; it may hold <see cref="Dim.Batch"/>.</param>
public sealed record BroadcastToOp(Shape Shape) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "broadcast_to";
    /// <summary>
    /// Hidden in text: every broadcast_to follows numpy's rule, which numpy code and textbooks leave implicit (a bias
    /// row added to a batch, 1/N stretched over it, a row maximum subtracted). The drawing shows it with its shape.
    /// </summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Transparent(Name);
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        Guard.NotNull(Shape, Name);
        return Broadcast.Reaches(s[0], Shape) ? Shape
            : throw new ShapeException($"{Name}: shape {s[0]} does not broadcast to {Shape}; numpy rule: aligned from the right, each size must equal the target or be 1.");
    }
    /// <inheritdoc/>
    protected override PrimitiveOp WithBatchSize(int size) => this with { Shape = Shape.WithBatch(size) };
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.BroadcastTo(x[0], output, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.SumTo(g, y.Inputs[0].Shape)];
}

public static partial class Fn
{
    /// <summary>
    /// <paramref name="x"/> stretched to <paramref name="shape"/> by numpy's rule (<see cref="BroadcastToOp"/>); x itself when
    /// it already has that shape, and a zero fill when x is a known zero.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape: aligned from the right, each of x's sizes equals it or is 1.</param>
    /// <returns>A node of shape <paramref name="shape"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/>'s shape does not broadcast to <paramref name="shape"/>.</exception>
    public static Expr BroadcastTo(Expr x, Shape shape) =>
        Guard.NotNull(x, "broadcast_to").Shape == Guard.NotNull(shape, "broadcast_to") ? x
        : IsZero(x) && Broadcast.Reaches(x.Shape, shape) ? Zeros(shape)
        : new Apply(new BroadcastToOp(shape), Inputs(x));

    /// <summary>Sums <paramref name="x"/> down to <paramref name="shape"/>, which must broadcast to x's shape: the adjoint of <see cref="BroadcastTo"/>.</summary>
    /// <param name="x">The input.</param>
    /// <param name="shape">The target shape.</param>
    /// <returns><paramref name="x"/> itself when it has that shape, else a node of shape <paramref name="shape"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="shape"/> does not broadcast to <paramref name="x"/>'s shape.</exception>
    public static Expr SumTo(Expr x, Shape shape)
    {
        if (Guard.NotNull(x, "sum_to").Shape == Guard.NotNull(shape, "sum_to")) return x;
        if (!Broadcast.Reaches(shape, x.Shape))
            throw new ShapeException($"sum_to: shape {shape} does not broadcast to {x.Shape}, so {x.Shape} cannot be summed down to it.");
        return Reshape(Sum(x, new Axes(Broadcast.SummedAxes(x.Shape, shape)), keepDims: true), shape);
    }
}
