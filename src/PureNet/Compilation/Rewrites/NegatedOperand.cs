namespace PureNet;

/// <summary>x − (−y) → x + y, x + (−y) → x − y and (−x) + y → y − x: a negation read as the sign of its term.</summary>
public sealed record NegatedOperand : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "x − (−y) → x + y";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is AddOp or SubOp && node.Inputs[1] is Apply { Op: NegOp } || node.Op is AddOp && node.Inputs[0] is Apply { Op: NegOp };

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => (node.Op, node.Inputs[0], node.Inputs[1]) switch
    {
        (SubOp, var x, Apply { Op: NegOp } y) => Fn.Add(x, y.Inputs[0]),
        (AddOp, var x, Apply { Op: NegOp } y) => Fn.Sub(x, y.Inputs[0]),
        (_, Apply { Op: NegOp } x, var y) => Fn.Sub(y, x.Inputs[0]),
        _ => node,
    };
}
