namespace PureNet;

/// <summary>x · 1 → x and 1 · x → x.</summary>
public sealed record MulOne : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "x · 1 → x";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is MulOp && (Known.Is(node.Inputs[0], 1) || Known.Is(node.Inputs[1], 1));
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Known.Is(node.Inputs[1], 1) ? node.Inputs[0] : node.Inputs[1];
}
