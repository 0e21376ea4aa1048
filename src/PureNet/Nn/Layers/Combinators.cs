using static PureNet.Fn;

namespace PureNet;

/// <summary>Layers as functions Expr → Expr, composed like functions.</summary>
public static class Combinators
{
    /// <summary>f then g: x ↦ g(f(x)).</summary>
    public static Func<Expr, Expr> Then(this Func<Expr, Expr> f, Func<Expr, Expr> g) => x => g(f(x));

    /// <summary>Applies the layers in order.</summary>
    public static Func<Expr, Expr> Sequence(params Func<Expr, Expr>[] layers) => x => layers.Aggregate(x, (h, f) => f(h));

    /// <summary>Both branches on the same input, joined by <paramref name="join"/> (default: concatenation on the last axis).</summary>
    public static Func<Expr, Expr> Parallel(Func<Expr, Expr> left, Func<Expr, Expr> right, Func<Expr, Expr, Expr>? join = null) =>
        x => (join ?? ((a, b) => Concat(a.Shape.Rank - 1, a, b)))(left(x), right(x));

    /// <summary>y = F(x) + x.</summary>
    public static Func<Expr, Expr> Residual(Func<Expr, Expr> f) => x => f(x) + x;
}
