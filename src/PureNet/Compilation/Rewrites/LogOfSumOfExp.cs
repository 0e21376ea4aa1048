namespace PureNet;

/// <summary>log(sum(exp x)) → logsumexp(x) over the same axes: stable where exp would overflow (x = 1000) or every term underflow (x = −1000).</summary>
public sealed record LogOfSumOfExp : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "log(Σ exp x) → logsumexp(x)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is LogOp && node.Inputs[0] is Apply { Op: SumOp, Inputs: [Apply { Op: ExpOp }] };

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var sum = (Apply)node.Inputs[0];
        var op = (SumOp)sum.Op;
        return Fn.LogSumExp(sum.Inputs[0].Inputs[0], op.Axes, op.KeepDims);
    }
}
