namespace PureNet;

/// <summary>
/// sum_A(s · (x − mean_A(x))) → 0 for a factor s constant along the axes A (none, a number, or a per-row scale
/// broadcast along them): deviations from a mean sum to zero over the mean's axes, scaled or not (a variance's and a
/// normalisation's gradient hold such terms). Exact in the mathematics; evaluated, the sum it replaces is rounding noise.
/// </summary>
public sealed record CenteredSum : IRewriteRule
{
    const int MaxFactors = 8;

    /// <inheritdoc/>
    public string Name => "sum_A(s·(x − mean_A(x))) → 0";

    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is SumOp s && Vanishes(node.Inputs[0], s.Axes.Normalize(node.Inputs[0].Shape, "sum"));

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fn.Zeros(node.Shape);

    /// <summary>Whether e is a product of one deviation from the mean over these axes and factors constant along them.</summary>
    static bool Vanishes(Expr e, int[] axes)
    {
        var (pending, centred, seen) = (new Stack<Expr>([e]), 0, 0);
        while (pending.Count > 0)
        {
            if (++seen > MaxFactors) return false;
            var f = pending.Pop();
            if (f is Apply { Op: MulOp, Inputs: [var p, var q] } && p.Shape == e.Shape && q.Shape == e.Shape) { pending.Push(p); pending.Push(q); continue; }
            if (IsDeviation(f, axes)) centred++;
            else if (!ConstantAlong(f, axes, e.Shape.Rank)) return false;
        }
        return centred == 1;
    }

    static bool IsDeviation(Expr f, int[] axes) =>
        f is Apply { Op: SubOp, Inputs: [var x, var centre] } && f.Shape == x.Shape
        && Known.Unspread(centre) is Apply { Op: MeanOp m, Inputs: [var averaged] } && ReferenceEquals(averaged, x)
        && axes.SequenceEqual(m.Axes.Normalize(x.Shape, "mean"));

    /// <summary>A known number, or a broadcast whose source has size 1 on every summed axis.</summary>
    static bool ConstantAlong(Expr f, int[] axes, int rank)
    {
        if (Known.Uniform(f) is not null) return true;
        if (f is not Apply { Op: BroadcastToOp, Inputs: [var r] } || r.Shape.Rank > rank) return false;
        var aligned = Enumerable.Repeat(1, rank - r.Shape.Rank).Concat(r.Shape).ToArray();
        return axes.All(a => aligned[a] == 1);
    }
}
