namespace PureNet;

/// <summary>sum(c·x) → c·sum(x), c a known number: a sum is linear, and the number can then meet the term's others.</summary>
public sealed record ConstantOutOfSum : IDismantlingRule
{
    /// <inheritdoc/>
    public IEnumerable<Expr> Dismantles(Apply node) => node.Inputs;

    /// <inheritdoc/>
    public string Name => "sum(c·x) → c·sum(x)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is SumOp && node.Inputs[0] is Apply { Op: MulOp } m && Known.Term(m) is var (c, x)
        && c != 1 && !ReferenceEquals(x, m) && x.Shape == m.Shape;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var (c, x) = Known.Term(node.Inputs[0]);
        return Known.Scaled(c, new Apply(node.Op, [x]));
    }
}
