namespace PureNet;

/// <summary>log(σ(x)) → log_sigmoid(x) = −softplus(−x): finite where σ(x) underflows (x = −1000 gives −1000, not −∞).</summary>
public sealed record LogOfSigmoid : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "log(σ(x)) → −softplus(−x)";
    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is LogOp && node.Inputs[0] is Apply { Op: SigmoidOp };
    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fn.LogSigmoid(((Apply)node.Inputs[0]).Inputs[0]);
}
