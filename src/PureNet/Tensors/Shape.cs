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

    public Shape(IEnumerable<int> dims)
    {
        this.dims = [.. dims ?? throw new ArgumentNullException(nameof(dims), "Shape: dims is null; give the sizes of the axes.")];
        foreach (var d in this.dims)
            if (d < 0 && d != Dim.Batch)
                throw new ArgumentException($"Shape: dimension {d} in {Format(this.dims)} is negative; sizes are ≥ 0 or Dim.Batch.", nameof(dims));
    }

    public Shape(params int[] dims) : this((IEnumerable<int>)dims) { }

    public static Shape Scalar { get; } = new();

    public static implicit operator Shape(int[] dims) => new(dims);

    public int Rank => dims.Length;
    public int Count => dims.Length;
    public int this[int axis] => axis >= 0 && axis < dims.Length ? dims[axis]
        : throw new ArgumentOutOfRangeException(nameof(axis), $"Shape: axis {axis} is out of range for shape {this} (rank {Rank}); allowed 0..{Rank - 1}.");
    public ImmutableArray<int> Dims => dims;

    /// <summary>True when one axis is the open batch dimension.</summary>
    public bool HasBatch => dims.Contains(Dim.Batch);

    /// <summary>The number of elements; only for concrete shapes.</summary>
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
    public Shape WithBatch(int batch) => HasBatch ? new(dims.Select(d => d == Dim.Batch ? batch : d)) : this;

    /// <summary>Row-major strides in elements.</summary>
    public int[] Strides()
    {
        var s = new int[Rank];
        var acc = 1;
        for (var i = Rank - 1; i >= 0; i--) { s[i] = acc; acc *= dims[i]; }
        return s;
    }

    /// <summary>Normalises a possibly negative axis against this rank; throws naming the op when out of range.</summary>
    public int Axis(int axis, string op)
    {
        var a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank)
            throw new ShapeException($"{op}: axis {axis} is out of range for shape {this} (rank {Rank}); allowed {-Rank}..{Rank - 1}.");
        return a;
    }

    /// <summary>A new axis of <paramref name="size"/> before position <paramref name="axis"/> (0..Rank).</summary>
    public Shape Insert(int axis, int size) => axis >= 0 && axis <= Rank ? new(dims.Insert(axis, size))
        : throw new ArgumentOutOfRangeException(nameof(axis), $"Shape.Insert: position {axis} is out of range for shape {this}; allowed 0..{Rank}.");
    /// <summary>The product of the sizes of axes [from, to): the length of a run, or the count of runs, in row-major layout.</summary>
    internal int Product(int from, int to)
    {
        var n = 1;
        for (var i = from; i < to; i++) n *= dims[i];
        return n;
    }

    public Shape RemoveAt(int axis) => new(dims.RemoveAt(Axis(axis, "Shape.RemoveAt")));
    public Shape SetItem(int axis, int size) => new(dims.SetItem(Axis(axis, "Shape.SetItem"), size));

    public bool Equals(Shape? other) => other is not null && dims.AsSpan().SequenceEqual(other.dims.AsSpan());
    public override bool Equals(object? obj) => Equals(obj as Shape);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in dims) h.Add(d);
        return h.ToHashCode();
    }
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)dims).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Format(dims);

    static string Format(ImmutableArray<int> dims) => "[" + string.Join(", ", dims.Select(d => d == Dim.Batch ? "Batch" : d.ToString())) + "]";
}

/// <summary>A shape rule was broken: the message names the op, the shapes and the rule.</summary>
public sealed class ShapeException(string message) : ArgumentException(message);
