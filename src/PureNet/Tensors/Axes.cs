using System.Collections.Immutable;

namespace PureNet;

/// <summary>A set of axes (negative counts from the end); empty means every axis. Compared by value.</summary>
public sealed class Axes : IEquatable<Axes>
{
    public Axes(params int[] axes) => Items = [.. Guard.NotNull(axes, "Axes")];
    public Axes(IEnumerable<int> axes) => Items = [.. Guard.NotNull(axes, "Axes")];

    public ImmutableArray<int> Items { get; }

    /// <summary>Every axis.</summary>
    public static Axes All { get; } = new();

    public static implicit operator Axes(int axis) => new(axis);
    public static implicit operator Axes(int[] axes) => new(axes);

    /// <summary>Sorted non-negative axes; every axis when empty. Throws naming the op for an axis out of range or repeated.</summary>
    public int[] Normalize(Shape shape, string op)
    {
        Guard.NotNull(shape, op);
        if (Items.IsEmpty) return [.. Enumerable.Range(0, shape.Rank)];
        var axes = Items.Select(a => shape.Axis(a, op)).Order().ToArray();
        for (var i = 1; i < axes.Length; i++)
            if (axes[i] == axes[i - 1]) throw new ShapeException($"{op}: axis {axes[i]} is repeated in {this} for shape {shape}.");
        return axes;
    }

    public bool Equals(Axes? other) => other is not null && Items.SequenceEqual(other.Items);
    public override bool Equals(object? obj) => Equals(obj as Axes);
    public override int GetHashCode() => Items.Aggregate(17, (h, a) => h * 31 + a);
    public override string ToString() => Items.IsEmpty ? "all" : "(" + string.Join(", ", Items) + ")";
}
