namespace PureNet;

/// <summary>
/// sum_A(x − mean_A(x)) → 0: deviations from a mean sum to zero over the mean's axes (a variance's, a normalisation's
/// gradient holds such a term). Exact in the mathematics; evaluated, the sum it replaces is rounding noise.
/// </summary>
public sealed record CenteredSum : IRewriteRule
{
    public string Name => "sum_A(x − mean_A(x)) → 0";

    public bool Matches(Apply node) =>
        node.Op is SumOp s && node.Inputs[0] is Apply { Op: SubOp, Inputs: [var x, var centre] } d && d.Shape == x.Shape
        && Unspread(centre) is Apply { Op: MeanOp m, Inputs: [var averaged] } && ReferenceEquals(averaged, x)
        && s.Axes.Normalize(x.Shape, "sum").SequenceEqual(m.Axes.Normalize(x.Shape, "mean"));

    public Expr Rewrite(Apply node) => Fn.Zeros(node.Shape);

    static Expr Unspread(Expr e) => e is Apply { Op: BroadcastToOp or ReshapeOp, Inputs: [var inner] } ? Unspread(inner) : e;
}
