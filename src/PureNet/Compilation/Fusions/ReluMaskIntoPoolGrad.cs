namespace PureNet;

/// <summary>
/// relu_grad(y, max_pool2d_grad(y, p, g)) → max_pool2d_relu_grad(y, p, g): when a ReLU's output was pooled, its mask
/// joins the pooling gradient's one pass over the image instead of a second pass. Both are linear in g and the mask
/// is read from the same y, so the order they apply in does not matter.
/// </summary>
public sealed record ReluMaskIntoPoolGrad : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "relu_grad(y, pool_grad(y, p, g)) → pool_relu_grad(y, p, g)";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is ActivationGradOp { Kind: ActivationKind.Relu }
        && node.Inputs[1] is Apply { Op: MaxPoolGradOp { Relu: false } } pool && ReferenceEquals(pool.Inputs[0], node.Inputs[0]);

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) =>
        node.Inputs[1] is Apply { Op: MaxPoolGradOp pool } grad ? new Apply(pool with { Relu = true }, grad.Inputs) : node;
}
