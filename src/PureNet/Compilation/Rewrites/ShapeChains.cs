namespace PureNet;

/// <summary>
/// reshape(reshape(x)) → reshape(x), broadcast_to(broadcast_to(x)) → broadcast_to(x), and either to x's own shape → x:
/// a chain of shape changes is its last one.
/// </summary>
public sealed record ShapeChains : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "reshape(reshape(x)) → reshape(x)";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is ReshapeOp or BroadcastToOp
        && (node.Inputs[0].Shape == node.Shape || node.Inputs[0] is Apply { Op: var inner } && inner.GetType() == node.Op.GetType());

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var x = node.Inputs[0];
        if (x.Shape == node.Shape) return x;
        var source = ((Apply)x).Inputs[0];
        return node.Op is ReshapeOp ? Fn.Reshape(source, node.Shape) : Fn.BroadcastTo(source, node.Shape);
    }
}
