namespace PureNet;

/// <summary>
/// A named rewrite of one node, used by <see cref="Simplifier"/>: a guard that says when it applies and a rewrite that
/// returns an expression of the same shape and value (or the node itself, to decline when only the work of rewriting
/// can tell: folding a constant that turns out too large). The node's inputs are already simplified when the rule sees it.
/// Rules are general algebra, never recognisers of particular expressions.
/// </summary>
public interface IRewriteRule
{
    /// <summary>What the rule does, as a person writes it (<c>x + 0 → x</c>).</summary>
    string Name { get; }

    bool Matches(Apply node);

    Expr Rewrite(Apply node);
}

/// <summary>
/// A rule that takes some of its node's inputs apart (pulls a factor out of a product, joins two terms): were such an
/// input shared by other nodes, they would still need it, and the rewrite would add work instead of removing it. The
/// simplifier runs the rule only when none of <see cref="Dismantles"/> is shared.
/// </summary>
public interface IDismantlingRule : IRewriteRule
{
    /// <summary>The inputs of <paramref name="node"/> the rewrite takes apart.</summary>
    IEnumerable<Expr> Dismantles(Apply node);
}
