namespace PureNet;

/// <summary>−(−x) → x, and −(c · x) → (−c) · x.</summary>
public sealed record DoubleNegation : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "−(−x) → x";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is NegOp && !ReferenceEquals(Known.Term(node.Inputs[0]).Base, node.Inputs[0]);
    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var (c, x) = Known.Term(node.Inputs[0]);
        return Known.Scaled(-c, x);
    }
}
