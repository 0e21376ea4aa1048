namespace PureNet;

/// <summary>x¹ → x and x⁰ → 1 (IEEE pow gives 1 for every x, 0 and NaN included).</summary>
public sealed record PowerOfOne : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "x¹ → x";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is PowOp && (Known.Is(node.Inputs[1], 1) || Known.Is(node.Inputs[1], 0));
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Known.Is(node.Inputs[1], 1) ? node.Inputs[0] : Fn.Ones(node.Shape);
}
