using static PureNet.Fn;

namespace PureNet;

/// <summary>Layers as functions Expr → Expr, composed like functions.</summary>
public static class Combinators
{
    /// <summary>f then g: x ↦ g(f(x)).</summary>
    public static Func<Expr, Expr> Then(this Func<Expr, Expr> f, Func<Expr, Expr> g)
    {
        Guard.NotNull(f, "Then");
        Guard.NotNull(g, "Then");
        return x => g(f(x));
    }

    /// <summary>Applies the layers in order.</summary>
    public static Func<Expr, Expr> Sequence(params Func<Expr, Expr>[] layers)
    {
        var fs = Guard.NoNulls(layers, "Sequence").ToArray();   // a copy: later changes to the caller's array do not reach the model
        return x => fs.Aggregate(x, (h, f) => f(h));
    }

    /// <summary>Both branches on the same input, joined by <paramref name="join"/> (default: concatenation on the last axis).</summary>
    public static Func<Expr, Expr> Parallel(Func<Expr, Expr> left, Func<Expr, Expr> right, Func<Expr, Expr, Expr>? join = null)
    {
        Guard.NotNull(left, "Parallel");
        Guard.NotNull(right, "Parallel");
        return x => (join ?? ((a, b) => Concat(Guard.Rank(a, "Parallel", 1).Shape.Rank - 1, a, b)))(left(x), right(x));
    }

    /// <summary>y = F(x) + x; F must keep x's shape.</summary>
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
