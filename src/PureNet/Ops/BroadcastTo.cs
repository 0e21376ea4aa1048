using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Stretches size-1 axes and adds leading axes (numpy rule); the derivative sums the stretched axes back.</summary>
public sealed record BroadcastToOp(Shape Shape) : PrimitiveOp
{
    public override string Name => "broadcast_to";
    /// <summary>
    /// Hidden in text: every broadcast_to follows numpy's rule, which numpy code and textbooks leave implicit (a bias
    /// row added to a batch, 1/N stretched over it, a row maximum subtracted). The drawing shows it with its shape.
    /// </summary>
    public override Notation Format(IReadOnlyList<Shape> inputs) => Notation.Transparent(Name);
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        Guard.NotNull(Shape, Name);
        return Broadcast.Reaches(s[0], Shape) ? Shape
            : throw new ShapeException($"{Name}: shape {s[0]} does not broadcast to {Shape}; numpy rule: aligned from the right, each size must equal the target or be 1.");
    }
    protected override PrimitiveOp WithBatchSize(int size) => this with { Shape = Shape.WithBatch(size) };
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.BroadcastTo(x[0], output, allocate);
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.SumTo(g, y.Inputs[0].Shape)];
}

public static partial class Fn
{
    public static Expr BroadcastTo(Expr x, Shape shape) =>
        Guard.NotNull(x, "broadcast_to").Shape == Guard.NotNull(shape, "broadcast_to") ? x
        : IsZero(x) && Broadcast.Reaches(x.Shape, shape) ? Zeros(shape)
        : new Apply(new BroadcastToOp(shape), Inputs(x));

    /// <summary>Sums <paramref name="x"/> down to <paramref name="shape"/>, which must broadcast to x's shape: undoes a broadcast.</summary>
    public static Expr SumTo(Expr x, Shape shape)
    {
        if (Guard.NotNull(x, "sum_to").Shape == Guard.NotNull(shape, "sum_to")) return x;
        if (!Broadcast.Reaches(shape, x.Shape))
            throw new ShapeException($"sum_to: shape {shape} does not broadcast to {x.Shape}, so {x.Shape} cannot be summed down to it.");
        return Reshape(Sum(x, new Axes(Broadcast.SummedAxes(x.Shape, shape)), keepDims: true), shape);
    }
}
