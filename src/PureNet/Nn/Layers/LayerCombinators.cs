using static PureNet.Fn;

namespace PureNet;

/// <summary>Layers as functions Expr → Expr, composed like functions.</summary>
public static class LayerCombinators
{
    /// <summary>f then g: x ↦ g(f(x)).</summary>
    /// <param name="f">The first layer.</param>
    /// <param name="g">The second layer.</param>
    /// <returns>The composed layer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> or <paramref name="g"/> is null.</exception>
    public static Func<Expr, Expr> Then(this Func<Expr, Expr> f, Func<Expr, Expr> g)
    {
        Guard.NotNull(f, "Then");
        Guard.NotNull(g, "Then");
        return x => g(f(x));
    }

    /// <summary>Applies the layers in order: <c>Sequence(l1.Apply, Activations.Relu, l2.Apply)</c>.</summary>
    /// <param name="layers">The layers, first applied first; none gives the identity.</param>
    /// <returns>The composed layer (holding a copy of the list).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or one of its elements is null.</exception>
    public static Func<Expr, Expr> Sequence(params Func<Expr, Expr>[] layers)
    {
        var fs = Guard.NoNulls(layers, "Sequence").ToArray();   // a copy: later changes to the caller's array do not reach the model
        return x => fs.Aggregate(x, (h, f) => f(h));
    }

    /// <summary>Both branches on the same input, joined by <paramref name="join"/> (default: concatenation on the last axis).</summary>
    /// <param name="left">The first branch.</param>
    /// <param name="right">The second branch.</param>
    /// <param name="join">Combines the two outputs; null to concatenate them on their last axis.</param>
    /// <returns>The layer x ↦ join(left(x), right(x)); the default join throws <see cref="ShapeException"/> when applied to outputs whose other axes differ.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="left"/> or <paramref name="right"/> is null.</exception>
    public static Func<Expr, Expr> Parallel(Func<Expr, Expr> left, Func<Expr, Expr> right, Func<Expr, Expr, Expr>? join = null)
    {
        Guard.NotNull(left, "Parallel");
        Guard.NotNull(right, "Parallel");
        return x => (join ?? JoinLastAxis)(left(x), right(x));
    }

    /// <summary>The default join of <see cref="Parallel"/>: both branch outputs concatenated on their last axis.</summary>
    static Expr JoinLastAxis(Expr a, Expr b)
    {
        var r = Guard.Rank(a, "Parallel", 1).Shape.Rank;
        if (Guard.NotNull(b, "Parallel").Shape.Rank != r || !a.Shape.Take(r - 1).SequenceEqual(b.Shape.Take(r - 1)))
            throw new ShapeException($"Parallel: the branches give {a.Shape} and {b.Shape}; joining on the last axis needs every other axis equal (pass a join for anything else).");
        return Concat(r - 1, a, b);
    }

    /// <summary>y = F(x) + x; F must keep x's shape.</summary>
    /// <param name="f">The residual branch F.</param>
    /// <returns>The layer x ↦ F(x) + x; it throws <see cref="ShapeException"/> when applied if F changes the shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    public static Func<Expr, Expr> Residual(Func<Expr, Expr> f)
    {
        Guard.NotNull(f, "Residual");
        return x =>
        {
            var y = f(x);
            return y.Shape == x.Shape ? y + x
                : throw new ShapeException($"Residual: the branch maps {x.Shape} to {y.Shape}; F(x) + x needs F to keep the shape (nothing is broadcast).");
        };
    }
}
