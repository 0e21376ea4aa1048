namespace PureNet;

/// <summary>
/// a·x + b·x → (a + b)·x and a·x − b·x → (a − b)·x for constants a, b (each 1 when absent, −1 for a negation): so
/// x + x → 2x and x − x → 0. The two terms are one node (which hash-consing has made sure of), or products of the same factors in any order.
/// </summary>
public sealed record LikeTerms : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "a·x + b·x → (a + b)·x";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is AddOp or SubOp && Known.SameTerm(Known.Term(node.Inputs[0]).Base, Known.Term(node.Inputs[1]).Base)
        && !Known.IsConstant(Known.Term(node.Inputs[0]).Base);

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var ((a, x), (b, y)) = (Known.Term(node.Inputs[0]), Known.Term(node.Inputs[1]));
        return Known.Scaled(node.Op is AddOp ? a + b : a - b, Known.Shorter(x, y));
    }
}
