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
