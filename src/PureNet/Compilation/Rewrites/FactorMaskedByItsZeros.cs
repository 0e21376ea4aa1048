namespace PureNet;

/// <summary>
/// where([t ≠ 0], a, 0) · t → a · t, a known to be finite (a constant, a mean's −1/N): where t is 0 the product is 0 either way, so the mask says
/// nothing the factor t does not. (The mask keeps a zero target from meeting a −∞ logit in the cross-entropy's value;
/// in its gradient, a constant times t, it is debris.) Either order of the product's operands.
/// </summary>
public sealed record FactorMaskedByItsZeros : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "where([t ≠ 0], a, 0) · t → a · t";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Unmasked(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Unmasked(node) ?? node;

    static Expr? Unmasked(Apply node)
    {
        if (node.Op is not MulOp) return null;
        var (p, q) = (node.Inputs[0], node.Inputs[1]);
        return Factor(p, q) ?? Factor(q, p);
    }

    /// <summary>a · t when <paramref name="masked"/> is where([t ≠ 0], a, 0) for this t, a known to be finite; or null.</summary>
    static Expr? Factor(Expr masked, Expr t)
    {
        if (masked is not Apply { Op: SelectOp, Inputs: [Apply { Op: CompareOp { Kind: CompareKind.NotEqual }, Inputs: [var m, var zero] }, var a, var otherwise] }) return null;
        if (!ReferenceEquals(m, t) || !Known.Is(zero, 0) || !Known.Is(otherwise, 0) || masked.Shape != t.Shape) return null;
        return Known.IsFinite(a) ? Fn.Mul(a, t) : null;
    }
}
