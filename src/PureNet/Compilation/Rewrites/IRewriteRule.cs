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

    /// <summary>The rule's guard: whether it applies to <paramref name="node"/> (cheap, and without building anything).</summary>
    /// <param name="node">A node whose inputs are already rewritten.</param>
    /// <returns>True when <see cref="Rewrite"/> should be tried on the node.</returns>
    bool Matches(Apply node);

    /// <summary>
    /// The rewritten node: an expression of the same shape and value as <paramref name="node"/>, or the node itself to
    /// decline. Called only when <see cref="Matches"/> holds; a result of another shape makes the caller throw
    /// <see cref="InvalidOperationException"/> naming the rule.
    /// </summary>
    /// <param name="node">A node the guard accepted.</param>
    /// <returns>The replacement expression, or <paramref name="node"/> unchanged when the rule declines.</returns>
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
    /// <param name="node">A node the guard accepted.</param>
    /// <returns>The inputs whose parts the rewrite reads; the rule is skipped when one of them is shared.</returns>
    IEnumerable<Expr> Dismantles(Apply node);
}
