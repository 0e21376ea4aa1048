namespace PureNet;

/// <summary>Numpy broadcasting: align shapes on the right; a size of 1 stretches to match.</summary>
public static class Broadcast
{
    /// <summary>The shape both operands broadcast to, or a <see cref="ShapeException"/> naming the op.</summary>
    /// <param name="a">The first shape.</param>
    /// <param name="b">The second shape.</param>
    /// <param name="op">The op named in the message.</param>
    /// <returns>The broadcast shape: aligned from the right, each axis the larger size where one of them is 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ShapeException">The shapes do not broadcast.</exception>
    public static Shape Shapes(Shape a, Shape b, string op)
    {
        Guard.NotNull(a, op);
        Guard.NotNull(b, op);
        var rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Rank ? 1 : a[i - (rank - a.Rank)];
            var db = i < rank - b.Rank ? 1 : b[i - (rank - b.Rank)];
            dims[i] = (da, db) switch
            {
                _ when da == db => da,
                (1, _) => db,
                (_, 1) => da,
                _ => throw new ShapeException(
                    $"{op}: shapes {a} and {b} do not broadcast: axis {i - rank} has sizes {Name(da)} and {Name(db)}; " +
                    "numpy rule: aligned from the right, sizes must be equal or one of them 1."),
            };
        }
        return new Shape(dims);
    }

    /// <summary>True when <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    /// <param name="from">The shape stretched.</param>
    /// <param name="to">The target shape.</param>
    /// <returns>Whether stretching size-1 axes and adding leading axes turns <paramref name="from"/> into <paramref name="to"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="from"/> or <paramref name="to"/> is null.</exception>
    public static bool Reaches(Shape from, Shape to)
    {
        Guard.NotNull(from, "Broadcast.Reaches");
        Guard.NotNull(to, "Broadcast.Reaches");
        if (from.Rank > to.Rank) return false;
        var off = to.Rank - from.Rank;
        for (var i = 0; i < from.Rank; i++)
            if (from[i] != 1 && from[i] != to[i + off]) return false;
        return true;
    }

    /// <summary>
    /// The axes of <paramref name="x"/> that summing it down to <paramref name="shape"/> (which broadcasts to it) adds up:
    /// the leading axes <paramref name="shape"/> lacks and those it holds at size 1.
    /// </summary>
    internal static int[] SummedAxes(Shape x, Shape shape)
    {
        var lead = x.Rank - shape.Rank;
        return [.. Enumerable.Range(0, x.Rank).Where(a => a < lead || (shape[a - lead] == 1 && x[a] != 1))];
    }

    /// <summary>Strides that read <paramref name="from"/> as if it had shape <paramref name="to"/> (0 on stretched axes).</summary>
    internal static int[] Strides(Shape from, Shape to)
    {
        var s = new int[to.Rank];
        var fs = from.Strides();
        var off = to.Rank - from.Rank;
        for (var i = 0; i < from.Rank; i++)
            s[i + off] = from[i] == 1 && to[i + off] != 1 ? 0 : fs[i];
        return s;
    }

    static string Name(int d) => d == Dim.Batch ? "Batch" : d.ToString();
}
