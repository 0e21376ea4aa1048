using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>A box x[Begin_k : Begin_k + Size_k] on every axis; the derivative pads the cotangent back with zeros.</summary>
/// <param name="Begin">The box's first index on each axis, one per axis (0 on the batch axis).</param>
/// <param name="Size">The box's size on each axis (<see cref="Dim.Batch"/> on the batch axis, which is taken whole).</param>
public sealed record SliceOp(Axes Begin, Shape Size) : PrimitiveOp
{
    /// <inheritdoc/>
    public override string Name => "slice";
    /// <summary>numpy's indexing, x[0:2, :]: a whole axis as ':'.</summary>
    /// <param name="inputs">The input's shape.</param>
    /// <returns>The op's notation.</returns>
    public override Notation Format(IReadOnlyList<Shape> inputs)
    {
        var x = inputs[0];
        var ranges = string.Join(", ", Enumerable.Range(0, x.Rank).Select(a =>
            Begin.Items[a] == 0 && Size[a] == x[a] ? ":" : $"{Begin.Items[a]}:{Begin.Items[a] + Size[a]}"));
        var latex = string.Join(@",\,", ranges.Split(", ").Select(r => r == ":" ? ":" : r.Replace(":", "{:}")));
        return new(Name, new(Precedence.Postfix, Notation.Input(0, Precedence.Atom), $"[{ranges}]"), new(Precedence.Postfix, Notation.Input(0, Precedence.Atom), $"[{latex}]"));
    }
    /// <inheritdoc/>
    /// <param name="s">The inputs' shapes, in input order.</param>
    public override Shape InferShape(IReadOnlyList<Shape> s)
    {
        ShapeRules.Arity(Name, s, 1);
        var x = s[0];
        Guard.NotNull(Begin, Name);
        Guard.NotNull(Size, Name);
        if (Begin.Items.Length != x.Rank || Size.Rank != x.Rank)
            throw new ShapeException($"{Name}: begin {Begin} and size {Size} must name all {x.Rank} axes of {x}.");
        for (var a = 0; a < x.Rank; a++)
        {
            var (b, n, d) = (Begin.Items[a], Size[a], x[a]);
            var ok = d == Dim.Batch ? b == 0 && n == Dim.Batch : n != Dim.Batch && b >= 0 && n >= 0 && (long)b + n <= d;
            if (!ok)
                throw new ShapeException($"{Name}: axis {a} of {x}: [{b}, {b} + {(n == Dim.Batch ? "Batch" : n)}) is outside 0..{(d == Dim.Batch ? "Batch" : d)}; a slice must lie inside the axis (the batch axis is taken whole).");
        }
        return Size;
    }
    /// <inheritdoc/>
    protected override PrimitiveOp WithBatchSize(int size) => this with { Size = Size.WithBatch(size) };
    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Layout.Slice(x[0], Begin.Items.AsSpan(), output, allocate);
    /// <inheritdoc/>
    /// <param name="y">The node of this op being differentiated.</param>
    /// <param name="t">One tangent per input, in input order.</param>
    public override Expr Jvp(Apply y, ImmutableArray<Expr> t) => Tangents.Linear(y, t);
    /// <inheritdoc/>
    public override ImmutableArray<Expr> Vjp(Apply y, Expr g)
    {
        var x = y.Inputs[0].Shape;
        var after = Enumerable.Range(0, x.Rank).Select(a => x[a] == Dim.Batch ? 0 : x[a] - Begin.Items[a] - Size[a]).ToArray();
        return [Fn.Pad(g, [.. Begin.Items], after)];
    }
}

public static partial class Fn
{
    /// <summary>The box x[begin_k : begin_k + size_k] on every axis (<see cref="SliceOp"/>); it must lie inside x (nothing is clamped or wrapped).</summary>
    /// <param name="x">The input.</param>
    /// <param name="begin">The box's first index on each axis, one per axis.</param>
    /// <param name="size">The box's shape.</param>
    /// <returns>A node of shape <paramref name="size"/>; x itself for the whole box.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ShapeException">The box does not name every axis or does not lie inside x.</exception>
    public static Expr Slice(Expr x, int[] begin, Shape size)
    {
        Guard.NotNull(x, "slice");
        Guard.NotNull(begin, "slice");
        Guard.NotNull(size, "slice");
        // Only the whole box, from 0, is x itself; anything else goes through the shape rule's range check.
        return x.Shape == size && begin.Length == x.Shape.Rank && begin.All(b => b == 0) ? x : new Apply(new SliceOp(new Axes(begin), size), Inputs(x));
    }

    /// <summary>x[…, start : start + length, …] on one axis; start ≥ 0, length ≥ 0 and start + length ≤ the axis size.</summary>
    /// <param name="x">The input.</param>
    /// <param name="axis">The axis sliced (negative counts from the end).</param>
    /// <param name="start">The first index kept, ≥ 0.</param>
    /// <param name="length">How many indices are kept, ≥ 0.</param>
    /// <returns>A node of <paramref name="x"/>'s shape with <paramref name="length"/> on <paramref name="axis"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range, or the range does not lie inside the axis.</exception>
    public static Expr Slice(Expr x, int axis, int start, int length)
    {
        var a = Guard.NotNull(x, "slice").Shape.Axis(axis, "slice");
        var d = x.Shape[a];
        if (d != Dim.Batch && (start < 0 || length < 0 || (long)start + length > d))
            throw new ShapeException($"slice: [{start}, {start} + {length}) on axis {axis} of {x.Shape} is outside 0..{d}; start and length must be ≥ 0 and start + length ≤ {d} (no negative or wrapped indices).");
        var begin = new int[x.Shape.Rank];
        begin[a] = start;
        return Slice(x, begin, x.Shape.SetItem(a, length));
    }
}
