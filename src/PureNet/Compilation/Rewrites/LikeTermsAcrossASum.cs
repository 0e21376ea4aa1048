namespace PureNet;

/// <summary>
/// (p ± a·x) ± b·x → p ± (a ± b)·x, and (a·x ± q) ± b·x likewise: like terms two steps apart in a chain of sums join,
/// as <see cref="LikeTerms"/> joins them side by side.
/// </summary>
public sealed record LikeTermsAcrossASum : IDismantlingRule
{
    /// <inheritdoc/>
    public IEnumerable<Expr> Dismantles(Apply node) => [node.Inputs[0]];

    /// <inheritdoc/>
    public string Name => "(p + a·x) + b·x → p + (a + b)·x";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Split(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var (other, sign, c, x) = Split(node)!.Value;
        var joined = Known.Scaled(c, x);
        return sign > 0 ? Fn.Add(other, joined) : Fn.Sub(joined, other);
    }

    /// <summary>The other term p (with its sign) and the joined coefficient of x, when node is (p ± a·x) ± b·x or (a·x ± p) ± b·x.</summary>
    static (Expr Other, int OtherSign, double C, Expr X)? Split(Apply node)
    {
        if (node.Op is not (AddOp or SubOp) || node.Inputs[0] is not Apply { Op: AddOp or SubOp } inner) return null;
        var outer = node.Op is AddOp ? 1 : -1;
        var (b, x) = Known.Term(node.Inputs[1]);
        if (Known.IsConstant(x)) return null;
        var innerSign = inner.Op is AddOp ? 1 : -1;
        var (a1, x1) = Known.Term(inner.Inputs[1]);
        if (Known.SameTerm(x1, x)) return (inner.Inputs[0], 1, innerSign * a1 + outer * b, x);
        var (a0, x0) = Known.Term(inner.Inputs[0]);
        if (Known.SameTerm(x0, x)) return (inner.Inputs[1], innerSign, a0 + outer * b, x);
        return null;
    }
}
