using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>Zeros added before and after each axis; the derivative slices the cotangent back out.</summary>
/// <param name="Before">Zeros before each axis, one count ≥ 0 per axis (0 on the batch axis).</param>
/// <param name="After">Zeros after each axis, one count ≥ 0 per axis (0 on the batch axis).</param>
public sealed record PadOp(Axes Before, Axes After) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "pad";
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        var x = s[0];
        Guard.NotNull(Before, Name);
        Guard.NotNull(After, Name);
        if (Before.Items.Length != x.Rank || After.Items.Length != x.Rank)
            throw new ShapeException($"{Name}: before {Before} and after {After} must name all {x.Rank} axes of {x}.");
        return new Shape(Enumerable.Range(0, x.Rank).Select(a =>
            Before.Items[a] < 0 || After.Items[a] < 0 || (x[a] == Dim.Batch && Before.Items[a] + After.Items[a] != 0)
                ? throw new ShapeException($"{Name}: padding ({Before.Items[a]}, {After.Items[a]}) on axis {a} of {x} must be ≥ 0 (and 0 on the batch axis).")
                : x[a] == Dim.Batch ? Dim.Batch : Padded(x, a)));
    }
    int Padded(Shape x, int a)
    {
        var n = (long)x[a] + Before.Items[a] + After.Items[a];
        return n <= Shape.MaxElements ? (int)n
            : throw new ShapeException($"{Name}: padding ({Before.Items[a]}, {After.Items[a]}) on axis {a} of {x} gives {n} elements on one axis, more than a tensor can hold.");
    }

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.Pad(x[0], Before.Items.AsSpan(), output, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g) => [Fn.Slice(g, [.. Before.Items], y.Inputs[0].Shape)];
}

public static partial class Fn
{
    /// <summary><paramref name="x"/> with zeros added before and after each axis (<see cref="PadOp"/>); x itself when every count is 0.</summary>
    /// <param name="x">The input.</param>
    /// <param name="before">Zeros before each axis, one count ≥ 0 per axis.</param>
    /// <param name="after">Zeros after each axis, one count ≥ 0 per axis.</param>
    /// <returns>A node whose size on axis a is before[a] + x's size + after[a].</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ShapeException">A count is negative, the lists do not name every axis, the batch axis is padded, or an axis grows past what a tensor holds.</exception>
    public static Expr Pad(Expr x, int[] before, int[] after)
    {
        Guard.NotNull(x, "pad");
        Guard.NotNull(before, "pad");
        Guard.NotNull(after, "pad");
        return before.All(b => b == 0) && after.All(a => a == 0) && before.Length == x.Shape.Rank && after.Length == x.Shape.Rank
            ? x : new Apply(new PadOp(new Axes(before), new Axes(after)), Inputs(x));
    }
}
