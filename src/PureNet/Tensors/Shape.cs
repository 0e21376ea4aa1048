using System.Collections;
using System.Collections.Immutable;

namespace PureNet;

/// <summary>Named dimension sizes. <see cref="Batch"/> is the one open dimension: its size is fixed when a function is called.</summary>
public static class Dim
{
    /// <summary>An open batch dimension; every variable that uses it gets the same size in one call.</summary>
    public const int Batch = -1;
}

/// <summary>
/// The sizes of a tensor's axes, outermost first. Immutable, compared by value.
/// A size of <see cref="Dim.Batch"/> marks the open batch dimension of an expression's shape.
/// </summary>
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    readonly ImmutableArray<int> dims;

    /// <summary>A shape with these sizes, outermost first.</summary>
    /// <param name="dims">The axis sizes: each ≥ 0 or <see cref="Dim.Batch"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentException">A size is negative and not <see cref="Dim.Batch"/>.</exception>
    public Shape(IEnumerable<int> dims)
    {
        this.dims = [.. dims ?? throw new ArgumentNullException(nameof(dims), "Shape: dims is null; give the sizes of the axes.")];
        foreach (var d in this.dims)
            if (d < 0 && d != Dim.Batch)
                throw new ArgumentException($"Shape: dimension {d} in {Format(this.dims)} is negative; sizes are ≥ 0 or Dim.Batch.", nameof(dims));
    }

    /// <summary>A shape with these sizes, outermost first: <c>new Shape(2, 3)</c>.</summary>
    /// <param name="dims">The axis sizes: each ≥ 0 or <see cref="Dim.Batch"/>; none for a scalar.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentException">A size is negative and not <see cref="Dim.Batch"/>.</exception>
    public Shape(params int[] dims) : this((IEnumerable<int>)dims) { }

    /// <summary>The shape of a scalar: rank 0, one element.</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>A shape from an array of sizes, so <c>Shape s = [2, 3];</c> works.</summary>
    /// <param name="dims">The axis sizes.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dims"/> is null.</exception>
    /// <exception cref="ArgumentException">A size is negative and not <see cref="Dim.Batch"/>.</exception>
    public static implicit operator Shape(int[] dims) => new(dims);

    /// <summary>The number of axes.</summary>
    public int Rank => dims.Length;
    /// <summary>The number of axes (the same as <see cref="Rank"/>, for <see cref="IReadOnlyCollection{T}"/>).</summary>
    public int Count => dims.Length;
    /// <summary>The size of one axis.</summary>
    /// <param name="axis">The axis, in 0..Rank − 1 (negative indices are not accepted here; see <see cref="Axis"/>).</param>
    /// <returns>Its size, or <see cref="Dim.Batch"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is out of range.</exception>
    public int this[int axis] => axis >= 0 && axis < dims.Length ? dims[axis]
        : throw new ArgumentOutOfRangeException(nameof(axis), $"Shape: axis {axis} is out of range for shape {this} (rank {Rank}); allowed 0..{Rank - 1}.");
    /// <summary>The sizes, outermost first.</summary>
    public ImmutableArray<int> Dims => dims;

    /// <summary>True when one axis is the open batch dimension.</summary>
    public bool HasBatch => dims.Contains(Dim.Batch);

    /// <summary>The number of elements; only for concrete shapes.</summary>
    /// <exception cref="InvalidOperationException">The shape has an open batch dimension.</exception>
    /// <exception cref="ShapeException">The shape holds more elements than <see cref="MaxElements"/>.</exception>
    public int Size => SizeFor("Shape.Size");

    /// <summary>The most elements one tensor holds: .NET's largest array.</summary>
    public static int MaxElements => Array.MaxLength;

    /// <summary>The element count, or an error naming <paramref name="function"/> when the shape is open or larger than a tensor can hold.</summary>
    internal int SizeFor(string function)
    {
        if (HasBatch) throw new InvalidOperationException($"{function}: shape {this} has an open batch dimension; its size is known only at call time.");
        if (dims.Contains(0)) return 0;
        long n = 1;
        foreach (var d in dims)
            if ((n *= d) > MaxElements)
                throw new ShapeException($"{function}: shape {this} has more than {MaxElements:N0} elements, more than one tensor can hold; nothing was allocated.");
        return (int)n;
    }

    /// <summary>Replaces the open batch dimension by a concrete size.</summary>
    /// <param name="batch">The batch size.</param>
    /// <returns>The concrete shape; this shape itself when it has no batch axis.</returns>
    public Shape WithBatch(int batch) => HasBatch ? new(dims.Select(d => d == Dim.Batch ? batch : d)) : this;

    /// <summary>Row-major strides in elements: the last axis has stride 1.</summary>
    /// <returns>One stride per axis.</returns>
    public int[] Strides()
    {
        var s = new int[Rank];
        var acc = 1;
        for (var i = Rank - 1; i >= 0; i--) { s[i] = acc; acc *= dims[i]; }
        return s;
    }

    /// <summary>Normalises a possibly negative axis against this rank; throws naming the op when out of range.</summary>
    /// <param name="axis">The axis, in −Rank..Rank − 1 (negative counts from the end).</param>
    /// <param name="op">The op or function named in the message.</param>
    /// <returns>The axis in 0..Rank − 1.</returns>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range.</exception>
    public int Axis(int axis, string op)
    {
        var a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank)
            throw new ShapeException($"{op}: axis {axis} is out of range for shape {this} (rank {Rank}); allowed {-Rank}..{Rank - 1}.");
        return a;
    }

    /// <summary>A new axis of <paramref name="size"/> before position <paramref name="axis"/> (0..Rank).</summary>
    /// <param name="axis">The new axis' position, in 0..Rank.</param>
    /// <param name="size">Its size.</param>
    /// <returns>A shape of rank Rank + 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is negative and not <see cref="Dim.Batch"/>.</exception>
    public Shape Insert(int axis, int size) => axis >= 0 && axis <= Rank ? new(dims.Insert(axis, size))
        : throw new ArgumentOutOfRangeException(nameof(axis), $"Shape.Insert: position {axis} is out of range for shape {this}; allowed 0..{Rank}.");
    /// <summary>The product of the sizes of axes [from, to): the length of a run, or the count of runs, in row-major layout.</summary>
    internal int Product(int from, int to)
    {
        var n = 1;
        for (var i = from; i < to; i++) n *= dims[i];
        return n;
    }

    /// <summary>This shape without one axis.</summary>
    /// <param name="axis">The axis removed (negative counts from the end).</param>
    /// <returns>A shape of rank Rank − 1.</returns>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range.</exception>
    public Shape RemoveAt(int axis) => new(dims.RemoveAt(Axis(axis, "Shape.RemoveAt")));
    /// <summary>This shape with one axis resized.</summary>
    /// <param name="axis">The axis (negative counts from the end).</param>
    /// <param name="size">Its new size.</param>
    /// <returns>The new shape.</returns>
    /// <exception cref="ShapeException"><paramref name="axis"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> is negative and not <see cref="Dim.Batch"/>.</exception>
    public Shape SetItem(int axis, int size) => new(dims.SetItem(Axis(axis, "Shape.SetItem"), size));

    /// <summary>True when <paramref name="other"/> has the same sizes in the same order.</summary>
    /// <param name="other">The shape compared.</param>
    /// <returns>Whether the shapes are equal.</returns>
    public bool Equals(Shape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims.AsSpan());
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);
    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in dims) h.Add(d);
        return h.ToHashCode();
    }
    /// <summary>Value equality: the same sizes in the same order (two nulls are equal).</summary>
    /// <param name="a">The first shape.</param>
    /// <param name="b">The second shape.</param>
    /// <returns>Whether the shapes are equal.</returns>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);
    /// <summary>The negation of <c>==</c>.</summary>
    /// <param name="a">The first shape.</param>
    /// <param name="b">The second shape.</param>
    /// <returns>Whether the shapes differ.</returns>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>The sizes, outermost first.</summary>
    /// <returns>An enumerator over the sizes.</returns>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)dims).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The sizes in brackets, the batch axis as <c>Batch</c>: <c>[Batch, 784]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Format(dims);

    static string Format(ImmutableArray<int> dims) => "[" + string.Join(", ", dims.Select(d => d == Dim.Batch ? "Batch" : d.ToString())) + "]";
}

/// <summary>A shape rule was broken: the message names the op, the shapes and the rule.</summary>
/// <param name="message">The message: op, shapes and rule.</param>
public sealed class ShapeException(string message) : ArgumentException(message);
