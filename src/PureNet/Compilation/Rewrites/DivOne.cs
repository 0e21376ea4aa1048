namespace PureNet;

/// <summary>x / 1 → x, and x / c → (1/c) · x for any other constant c, so coefficients gather in products.</summary>
public sealed record DivByConstant : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "x / c → (1/c) · x";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is DivOp && Known.Uniform(node.Inputs[1]) is { } c && c != 0 && double.IsFinite(1 / c) && !Known.IsConstant(node.Inputs[0]);
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Known.Scaled(1 / Known.Uniform(node.Inputs[1])!.Value, node.Inputs[0]);
}
