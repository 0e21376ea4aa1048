namespace PureNet;

/// <summary>a · (b · x) → (ab) · x for constants a, b: coefficients gather into one (2 · 0.5 · x → x).</summary>
public sealed record Coefficients : IRewriteRule
{
    public string Name => "a · (b · x) → (ab) · x";

    public bool Matches(Apply node) => node.Op is MulOp && Parts(node) is not null;

    public Expr Rewrite(Apply node) => Parts(node) is var (c, x) ? Known.Scaled(c, x) : node;

    /// <summary>The product's constant factor and the rest, when one operand is constant and the other a scaled term.</summary>
    static (double, Expr)? Parts(Apply node)
    {
        var (p, q) = (node.Inputs[0], node.Inputs[1]);
        if (Known.Uniform(q) is not null && Known.Uniform(p) is null) (p, q) = (q, p);
        if (Known.Uniform(p) is not { } a || Known.IsConstant(q)) return null;
        var (b, x) = Known.Term(q);
        return ReferenceEquals(x, q) ? null : (a * b, x);
    }
}
