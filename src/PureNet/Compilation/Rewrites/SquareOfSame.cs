namespace PureNet;

/// <summary>x · x → x², the same node twice.</summary>
public sealed record SquareOfSame : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "x · x → x²";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is MulOp && ReferenceEquals(node.Inputs[0], node.Inputs[1]) && !Known.IsConstant(node.Inputs[0]);
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fn.Square(node.Inputs[0]);
}
