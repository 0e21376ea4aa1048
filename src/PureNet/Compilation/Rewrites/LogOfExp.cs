namespace PureNet;

/// <summary>
/// log(exp(y)) → y, and log(exp(y) / b) → y − log(b): the second turns a softmax's log, exp(x − m)/Σexp(x − m), into
/// the stable log-softmax (x − m) − log Σexp(x − m), with no exp to overflow or underflow to log 0.
/// </summary>
public sealed record LogOfExp : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "log(exp(y) / b) → y − log(b)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is LogOp && node.Inputs[0] switch
    {
        Apply { Op: ExpOp } => true,
        Apply { Op: DivOp } q => q.Inputs[0] is Apply { Op: ExpOp },
        _ => false,
    };

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => node.Inputs[0] switch
    {
        Apply { Op: ExpOp } e => e.Inputs[0],
        Apply { Op: DivOp } q => Fn.Sub(((Apply)q.Inputs[0]).Inputs[0], Fn.Log(q.Inputs[1])),
        _ => node,
    };
}
