namespace PureNet;

/// <summary>(a·b)/b → a (also under a coefficient, (c·(a·b))/b → c·a) and (a/b)·b → a: a factor divided out again (as SymPy cancels it; a b of 0 or ±∞ would have given NaN).</summary>
public sealed record CancelledFactor : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "(a·b)/b → a";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Kept(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Kept(node)!;

    static Expr? Kept(Apply node) => node switch
    {
        { Op: DivOp, Inputs: [var n, var b] } when Known.Term(n) is (var c, Apply { Op: MulOp } m) =>
            ReferenceEquals(m.Inputs[1], b) ? Known.Scaled(c, m.Inputs[0]) : ReferenceEquals(m.Inputs[0], b) ? Known.Scaled(c, m.Inputs[1]) : null,
        { Op: MulOp, Inputs: [Apply { Op: DivOp } d, var b] } when ReferenceEquals(d.Inputs[1], b) => d.Inputs[0],
        { Op: MulOp, Inputs: [var b, Apply { Op: DivOp } d] } when ReferenceEquals(d.Inputs[1], b) => d.Inputs[0],
        _ => null,
    };
}
