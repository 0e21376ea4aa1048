using System.Collections.Immutable;

namespace PureNet;

/// <summary>A set of axes (negative counts from the end); empty means every axis. Compared by value.</summary>
public sealed class Axes : IEquatable<Axes>
{
    /// <summary>A set of axes: <c>new Axes(0, -1)</c>; none for every axis.</summary>
    /// <param name="axes">The axes (negative counts from the end).</param>
    /// <exception cref="ArgumentNullException"><paramref name="axes"/> is null.</exception>
    public Axes(params int[] axes) => Items = [.. Guard.NotNull(axes, "Axes")];
    /// <summary>A set of axes from any sequence.</summary>
    /// <param name="axes">The axes (negative counts from the end).</param>
    /// <exception cref="ArgumentNullException"><paramref name="axes"/> is null.</exception>
    public Axes(IEnumerable<int> axes) => Items = [.. Guard.NotNull(axes, "Axes")];

    /// <summary>The axes as given (not normalised); empty means every axis.</summary>
    public ImmutableArray<int> Items { get; }

    /// <summary>Every axis.</summary>
    public static Axes All { get; } = new();

    /// <summary>One axis, so <c>Sum(x, 1)</c> works.</summary>
    /// <param name="axis">The axis.</param>
    /// <returns>The set holding it.</returns>
    public static implicit operator Axes(int axis) => new(axis);
    /// <summary>Several axes, so <c>Sum(x, [0, 2])</c> works.</summary>
    /// <param name="axes">The axes.</param>
    /// <returns>The set holding them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="axes"/> is null.</exception>
    public static implicit operator Axes(int[] axes) => new(axes);

    /// <summary>Sorted non-negative axes; every axis when empty. Throws naming the op for an axis out of range or repeated.</summary>
    /// <param name="shape">The shape the axes index.</param>
    /// <param name="op">The op named in the message.</param>
    /// <returns>The axes in 0..rank − 1, ascending.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ShapeException">An axis is out of range for the shape's rank, or repeated.</exception>
    public int[] Normalize(Shape shape, string op)
    {
        Guard.NotNull(shape, op);
        if (Items.IsEmpty) return [.. Enumerable.Range(0, shape.Rank)];
        var axes = Items.Select(a => shape.Axis(a, op)).Order().ToArray();
        for (var i = 1; i < axes.Length; i++)
            if (axes[i] == axes[i - 1]) throw new ShapeException($"{op}: axis {axes[i]} is repeated in {this} for shape {shape}.");
        return axes;
    }

    /// <summary>True when <paramref name="other"/> holds the same axes in the same order.</summary>
    /// <param name="other">The set compared.</param>
    /// <returns>Whether the sets are equal as given (not normalised).</returns>
    public bool Equals(Axes? other) => other is not null && Items.SequenceEqual(other.Items);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Axes);
    /// <inheritdoc/>
    public override int GetHashCode() => Items.Aggregate(17, (h, a) => h * 31 + a);
    /// <inheritdoc/>
    public override string ToString() => Items.IsEmpty ? "all" : "(" + string.Join(", ", Items) + ")";
}
