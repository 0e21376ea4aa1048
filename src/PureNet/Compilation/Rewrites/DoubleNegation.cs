namespace PureNet;

/// <summary>−(−x) → x, and −(c · x) → (−c) · x.</summary>
public sealed record DoubleNegation : IRewriteRule
{
    public string Name => "−(−x) → x";
    public bool Matches(Apply node) => node.Op is NegOp && Known.Term(node.Inputs[0]) is var (c, b) && !ReferenceEquals(b, node.Inputs[0]);
    public Expr Rewrite(Apply node) => Known.Term(node.Inputs[0]) is var (c, b) ? Known.Scaled(-c, b) : node;
}
