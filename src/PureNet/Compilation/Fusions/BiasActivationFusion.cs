namespace PureNet;

/// <summary>
/// relu(x + b), b broadcast to x (a dense or convolution layer's bias), → bias_relu(x, b): the add happens inside the
/// activation's pass over x and the stretched bias is never made. Addition commutes exactly, so either order fuses.
/// </summary>
public sealed record BiasActivationFusion : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "relu(x + broadcast(b)) → bias_relu(x, b)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is ReluOp && BiasAdd(node.Inputs[0]) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) =>
        BiasAdd(node.Inputs[0]) is var (x, b) ? Fn.BiasActivation(x, b, ActivationKind.Relu) : node;

    /// <summary>The full operand and the bias before its broadcast, when the add reads exactly that, or null.</summary>
    static (Expr Input, Expr Bias)? BiasAdd(Expr sum) =>
        sum is Apply { Op: AddOp } add
            ? (add.Inputs[0], add.Inputs[1]) switch
            {
                (var x, Apply { Op: BroadcastToOp } b) when x.Shape == sum.Shape && x is not Apply { Op: BroadcastToOp } => (x, b.Inputs[0]),
                (Apply { Op: BroadcastToOp } b, var x) when x.Shape == sum.Shape && x is not Apply { Op: BroadcastToOp } => (x, b.Inputs[0]),
                _ => null,
            }
            : null;
}
