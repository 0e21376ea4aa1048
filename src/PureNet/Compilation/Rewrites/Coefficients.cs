namespace PureNet;

/// <summary>
/// a · (b · x) → (ab) · x for constants a, b: coefficients gather into one (2 · 0.5 · x → x), also when b · x is a
/// scalar term spread to the product's shape (2 · spread(0.5 · s) → spread(s)).
/// </summary>
public sealed record Coefficients : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "a · (b · x) → (ab) · x";

    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is MulOp && Parts(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        if (Parts(node) is not var (c, x)) return node;
        var scaled = Known.Scaled(c, x);
        return scaled.Shape == node.Shape ? scaled : Fn.BroadcastTo(scaled, node.Shape);
    }

    /// <summary>The product's constant factor and the rest, when one operand is constant and the other a scaled term.</summary>
    static (double, Expr)? Parts(Apply node)
    {
        var (p, q) = (node.Inputs[0], node.Inputs[1]);
        if (Known.Uniform(q) is not null && Known.Uniform(p) is null) (p, q) = (q, p);
        if (Known.Uniform(p) is not { } a || Known.IsConstant(q)) return null;
        var term = SpreadScalar(q) ?? q;
        var (b, x) = Known.Term(term);
        return ReferenceEquals(x, term) ? null : (a * b, x);
    }

    /// <summary>The scalar s when e is s broadcast (perhaps through unit reshapes); or null.</summary>
    static Expr? SpreadScalar(Expr e) => Known.Unspread(e) is var inner && !ReferenceEquals(inner, e) && inner.Shape.Rank == 0 ? inner : null;
}
