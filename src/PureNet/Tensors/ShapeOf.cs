namespace PureNet;

/// <summary>
/// The shape rules that both the ops and eager tensor math follow, written once here, below both: a matrix product's,
/// a concatenation's and a count's. Errors name the caller (the op, or a fused op built on it).
/// </summary>
public static class ShapeOf
{
    /// <summary>op(a)·op(b) for a, b of rank ≥ 2, op transposing the last two axes when its flag is set: [..., m, k] × [..., k, n], leading axes broadcast.</summary>
    /// <param name="name">The op named in the message.</param>
    /// <param name="a">The left operand's shape.</param>
    /// <param name="b">The right operand's shape.</param>
    /// <param name="transposeA">Whether a's last two axes are swapped.</param>
    /// <param name="transposeB">Whether b's last two axes are swapped.</param>
    /// <returns>The product's shape [..., m, n].</returns>
    /// <exception cref="ShapeException">A rank is below 2, the inner sizes differ, or the leading axes do not broadcast.</exception>
    public static Shape MatMul(string name, Shape a, Shape b, bool transposeA = false, bool transposeB = false)
    {
        if (a.Rank < 2 || b.Rank < 2)
            throw new ShapeException($"{name}: shapes {a} and {b} must both have rank ≥ 2 ([..., m, k] × [..., k, n]).");
        var (m, ka) = transposeA ? (a[^1], a[^2]) : (a[^2], a[^1]);
        var (kb, n) = transposeB ? (b[^1], b[^2]) : (b[^2], b[^1]);
        if (ka != kb)
            throw new ShapeException($"{name}: shapes {a} and {b} do not multiply: inner sizes {Dims(ka)} and {Dims(kb)} differ; rule: [..., m, k] × [..., k, n]{(transposeA || transposeB ? " after the transposes" : "")}.");
        var (la, lb) = (new Shape(a.SkipLast(2)), new Shape(b.SkipLast(2)));
        Shape lead;
        try { lead = Broadcast.Shapes(la, lb, name); }
        catch (ShapeException e)
        {
            throw new ShapeException($"{name}: shapes {a} and {b} do not multiply: their batch axes {la} and {lb} do not broadcast ({e.Message}).");
        }
        return new Shape([.. lead, m, n]);
    }

    /// <summary>
    /// numpy's matmul: a vector operand gains a unit axis for the product and loses it after. The operands as the
    /// product sees them, the product's shape and the result's; the inner sizes are checked on the caller's own shapes.
    /// </summary>
    /// <param name="a">The left operand's shape, of rank ≥ 1.</param>
    /// <param name="b">The right operand's shape, of rank ≥ 1.</param>
    /// <returns>The operands' shapes as matrices, the product's shape and the result's shape.</returns>
    /// <exception cref="ShapeException">An operand is a scalar, the inner sizes differ, or the leading axes do not broadcast.</exception>
    public static (Shape A, Shape B, Shape Product, Shape Result) NumpyMatMul(Shape a, Shape b)
    {
        if (a.Rank == 0 || b.Rank == 0)
            throw new ShapeException($"matmul: operands must have rank ≥ 1, got {a} and {b}.");
        var (k1, k2) = (a[^1], b.Rank == 1 ? b[0] : b[^2]);
        if (k1 != k2)
            throw new ShapeException($"matmul: shapes {a} and {b} do not multiply: inner sizes {Dims(k1)} and {Dims(k2)} differ; rule: [..., m, k] × [..., k, n] (a vector is [k]).");
        var (pa, pb) = (a.Rank == 1 ? a.Insert(0, 1) : a, b.Rank == 1 ? b.Insert(1, 1) : b);
        var product = MatMul("matmul", pa, pb);
        var result = b.Rank == 1 ? product.RemoveAt(product.Rank - 1) : product;
        return (pa, pb, product, a.Rank == 1 ? result.RemoveAt(result.Rank - (b.Rank == 1 ? 1 : 2)) : result);
    }

    /// <summary>Shapes joined along a non-negative axis: every other axis equal, the batch axis never joined.</summary>
    /// <param name="name">The op named in the message.</param>
    /// <param name="axis">The axis joined, non-negative.</param>
    /// <param name="s">The shapes, at least one.</param>
    /// <returns>The first shape with the sum of the sizes on <paramref name="axis"/>.</returns>
    /// <exception cref="ShapeException">No shape is given, the axis is out of range or negative, the shapes differ off it, it is the batch axis, or the sum is too large.</exception>
    public static Shape Concat(string name, int axis, IReadOnlyList<Shape> s)
    {
        if (s.Count == 0) throw new ShapeException($"{name}: needs at least one input.");
        var first = s[0];
        var a = first.Axis(axis, name);
        if (a != axis) throw new ShapeException($"{name}: axis {axis} must be given non-negative (use {a}).");
        foreach (var x in s)
            if (x.Rank != first.Rank || Enumerable.Range(0, x.Rank).Any(i => i != a && x[i] != first[i]) || x[a] == Dim.Batch)
                throw new ShapeException($"{name}: shapes {string.Join(", ", s)} differ off axis {a} (or concatenate the batch axis); all other axes must match.");
        var total = s.Sum(x => (long)x[a]);
        if (total > Shape.MaxElements)
            throw new ShapeException($"{name}: joining {string.Join(", ", s)} on axis {a} gives {total} elements on one axis, more than a tensor can hold.");
        return first.SetItem(a, (int)total);
    }

    /// <summary>How many elements a reduction over these axes of the shape combines (its N).</summary>
    /// <param name="shape">The reduced tensor's shape.</param>
    /// <param name="axes">The axes reduced; empty for every axis.</param>
    /// <returns>The product of the sizes of those axes.</returns>
    /// <exception cref="ShapeException">An axis is out of range or repeated.</exception>
    public static long Count(Shape shape, Axes axes) => axes.Normalize(shape, "count").Aggregate(1L, (n, a) => n * shape[a]);

    static string Dims(int d) => d == Dim.Batch ? "Batch" : d.ToString();
}
