namespace PureNet;

/// <summary>count(x) over axes of known size is that number: a mean's 1/N becomes a constant when N is static.</summary>
public sealed record CountOfStaticAxes : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "count over static axes → N";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is CountOp c && c.Axes.Normalize(node.Inputs[0].Shape, "count").All(a => node.Inputs[0].Shape[a] != Dim.Batch);

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fn.Full(node.Shape, CountOp.Of(node.Inputs[0].Shape, ((CountOp)node.Op).Axes));
}
