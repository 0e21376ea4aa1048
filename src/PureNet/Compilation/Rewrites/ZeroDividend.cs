namespace PureNet;

/// <summary>0 / x → 0 (as SymPy does; an x of 0 would have given NaN).</summary>
public sealed record ZeroDividend : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "0 / x → 0";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is DivOp && Known.Is(node.Inputs[0], 0);
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fn.Zeros(node.Shape);
}
