namespace PureNet;

/// <summary>x − 0 → x and 0 − x → −x.</summary>
public sealed record SubZero : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "x − 0 → x";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is SubOp && (Known.Is(node.Inputs[0], 0) || Known.Is(node.Inputs[1], 0));
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Known.Is(node.Inputs[1], 0) ? node.Inputs[0] : Fn.Neg(node.Inputs[1]);
}
