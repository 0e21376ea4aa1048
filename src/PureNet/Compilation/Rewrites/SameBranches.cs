namespace PureNet;

/// <summary>where(m, a, a) → a: a choice between one node and itself.</summary>
public sealed record SameBranches : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "where(m, a, a) → a";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is SelectOp && ReferenceEquals(node.Inputs[1], node.Inputs[2]);
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => node.Inputs[1];
}
