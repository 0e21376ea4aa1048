namespace PureNet;

/// <summary>x · 1 → x and 1 · x → x.</summary>
public sealed record MulOne : IRewriteRule
{
    public string Name => "x · 1 → x";
    public bool Matches(Apply node) => node.Op is MulOp && (Known.Is(node.Inputs[0], 1) || Known.Is(node.Inputs[1], 1));
    public Expr Rewrite(Apply node) => Known.Is(node.Inputs[1], 1) ? node.Inputs[0] : node.Inputs[1];
}
