namespace PureNet;

/// <summary>
/// (a/b)·x + (−a/b)·y → (a/b)·(x − y) (the −a/b perhaps written −(a/b)), a &gt; 0 a constant and b one node (a mean's N)
/// or absent (c·x + (−c)·y → c·(x − y)): two terms scaled by opposite
/// numbers over one denominator share it, so the logistic loss's gradient reads (1/N)·(σ(z) − t) rather than
/// (−1/N)·t + (1/N)·σ(z). Either order of the terms and of each product's operands.
/// </summary>
public sealed record OppositeFactors : IDismantlingRule
{
    /// <inheritdoc/>
    public IEnumerable<Expr> Dismantles(Apply node) => node.Inputs;

    /// <inheritdoc/>
    public string Name => "(a/b)·x + (−a/b)·y → (a/b)·(x − y)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Factored(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Factored(node) ?? node;

    static Expr? Factored(Apply node)
    {
        if (node.Op is not AddOp || Over(node.Inputs[0]) is not var (s1, a1, b1, x1) || Over(node.Inputs[1]) is not var (s2, a2, b2, x2)) return null;
        if (!ReferenceEquals(b1, b2) || a1 != -a2 || a1 == 0 || x1.Shape != node.Shape || x2.Shape != node.Shape) return null;
        return a1 > 0 ? Fn.Mul(s1, Fn.Sub(x1, x2)) : Fn.Mul(s2, Fn.Sub(x2, x1));
    }

    /// <summary>A term s·x with s = a/b (perhaps broadcast), a a known number: s, a, b and x; or null.</summary>
    static (Expr Scale, double A, Expr? B, Expr X)? Over(Expr term)
    {
        if (term is not Apply { Op: MulOp, Inputs: [var p, var q] }) return null;
        return Quotient(p) is var (a, b) && !Known.IsConstant(q) ? (p, a, b, q) : Quotient(q) is var (c, d) && !Known.IsConstant(p) ? (q, c, d, p) : null;
    }

    static (double A, Expr? B)? Quotient(Expr s) => s switch
    {
        _ when Known.Uniform(s) is { } c => (c, null),
        Apply { Op: BroadcastToOp or ReshapeOp, Inputs: [var inner] } => Quotient(inner),
        Apply { Op: NegOp, Inputs: [var inner] } => Quotient(inner) is var (a, b) ? (-a, b) : null,
        Apply { Op: DivOp, Inputs: [var a, var b] } when Known.Uniform(a) is { } n && !Known.IsConstant(b) => (n, b),
        _ => null,
    };
}
