using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Joins inputs along one axis; the derivative slices the cotangent into the inputs' pieces.</summary>
/// <param name="Axis">The axis joined, non-negative; every other axis must match and the batch axis is never joined.</param>
public sealed record ConcatOp(int Axis) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "concat";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s) => ShapeOf.Concat(Name, Axis, s);
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.Concat(x, Axis, output, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var start = 0;
        var parts = new List<Expr>();
        foreach (var x in y.Inputs)
        {
            parts.Add(Fn.Slice(g, Axis, start, x.Shape[Axis]));
            start += x.Shape[Axis];
        }
        return [.. parts];
    }
}

public static partial class Fn
{
    /// <summary>Joins <paramref name="xs"/> along <paramref name="axis"/> (<see cref="ConcatOp"/>); a single input is returned as it is.</summary>
    /// <param name="axis">The axis joined (negative counts from the end).</param>
    /// <param name="xs">The inputs, at least one; all axes but <paramref name="axis"/> equal.</param>
    /// <returns>A node whose size on <paramref name="axis"/> is the sum of the inputs' sizes there.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="xs"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range, the shapes differ off it, or it is the batch axis.</exception>
    public static Expr Concat(int axis, params Expr[] xs)
    {
        Guard.NoNulls(xs, "concat");
        if (xs.Length == 0) throw new ArgumentException("concat: needs at least one input.", nameof(xs));
        var a = xs[0].Shape.Axis(axis, "concat");
        return xs.Length == 1 ? xs[0] : new Apply(new ConcatOp(a), Inputs(xs));
    }

    /// <summary>Joins equal-shaped inputs along a new axis: each gains a unit axis at <paramref name="axis"/>, then they are concatenated.</summary>
    /// <param name="axis">Where the new axis goes, in −rank − 1..rank of the inputs.</param>
    /// <param name="xs">The inputs, at least one, all of one shape.</param>
    /// <returns>A node of the inputs' shape with a new axis of size <c>xs.Length</c> at <paramref name="axis"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xs"/> or one of its elements is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="xs"/> is empty.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range, or the shapes differ.</exception>
    public static Expr Stack(int axis, params Expr[] xs)
    {
        Guard.NoNulls(xs, "stack");
        if (xs.Length == 0) throw new ArgumentException("stack: needs at least one input.", nameof(xs));
        var rank = xs[0].Shape.Rank;
        var a = axis < 0 ? axis + rank + 1 : axis;
        if (a < 0 || a > rank)
            throw new ShapeException($"stack: axis {axis} is out of range for inputs of shape {xs[0].Shape}; the new axis goes at {-rank - 1}..{rank}.");
        if (xs.FirstOrDefault(x => x.Shape != xs[0].Shape) is { } odd)
            throw new ShapeException($"stack: input shapes {string.Join(", ", xs.Select(x => x.Shape))} differ ({odd.Shape} vs {xs[0].Shape}); stacked inputs must have one shape.");
        return Concat(a, [.. xs.Select(x => Reshape(x, x.Shape.Insert(a, 1)))]);
    }
}
