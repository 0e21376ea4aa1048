namespace PureNet;

/// <summary>where(m, a, 0) + where(m, 0, b) → where(m, a, b): the two halves of one choice joined.</summary>
public sealed record ComplementaryWheres : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "where(m, a, 0) + where(m, 0, b) → where(m, a, b)";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is AddOp && node.Inputs[0] is Apply { Op: SelectOp } p && node.Inputs[1] is Apply { Op: SelectOp } q
        && ReferenceEquals(p.Inputs[0], q.Inputs[0])
        && (Known.Is(p.Inputs[2], 0) && Known.Is(q.Inputs[1], 0) || Known.Is(p.Inputs[1], 0) && Known.Is(q.Inputs[2], 0));

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var (p, q) = ((Apply)node.Inputs[0], (Apply)node.Inputs[1]);
        return Known.Is(p.Inputs[2], 0) ? Fn.Where(p.Inputs[0], p.Inputs[1], q.Inputs[2]) : Fn.Where(p.Inputs[0], q.Inputs[1], p.Inputs[2]);
    }
}
