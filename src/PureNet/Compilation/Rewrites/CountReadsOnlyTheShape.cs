namespace PureNet;

/// <summary>
/// count(x) depends on x's shape alone: it counts a fill of that shape instead, so the expression it was handed (often
/// the very thing being averaged) is no longer read through it.
/// </summary>
public sealed record CountReadsOnlyTheShape : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "count(x) → count(shape of x)";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is CountOp && node.Inputs[0] is not Apply { Op: FillOp };
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => new Apply(node.Op, [Fn.Zeros(node.Inputs[0].Shape)]);
}
