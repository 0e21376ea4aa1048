namespace PureNet;

/// <summary>x · 0 → 0 (as SymPy and Theano do; an x of ±∞ or NaN would have given NaN).</summary>
public sealed record MulZero : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "x · 0 → 0";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is MulOp && (Known.Is(node.Inputs[0], 0) || Known.Is(node.Inputs[1], 0));
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fn.Zeros(node.Shape);
}
