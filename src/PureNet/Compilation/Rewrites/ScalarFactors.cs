namespace PureNet;

/// <summary>
/// c·(s·x) → (c·s)·x for a constant c and a scalar factor s (a quotient or product of two scalars broadcast, such as a
/// mean's 1/N), and c·(a/b) → (c·a)/b for constants c, a: the numbers of a term gather in front, so 2·((1/N)·x) reads
/// (2/N)·x.
/// </summary>
public sealed record ScalarFactors : IDismantlingRule
{
    /// <inheritdoc/>
    public IEnumerable<Expr> Dismantles(Apply node) => node.Inputs.Where(x => !Known.IsConstant(x));

    /// <inheritdoc/>
    public string Name => "c·(s·x) → (c·s)·x";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Gathered(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Gathered(node)!;

    static Expr? Gathered(Apply node)
    {
        if (node.Op is not MulOp) return null;
        var (c, rest) = Known.Uniform(node.Inputs[0]) is not null ? (node.Inputs[0], node.Inputs[1]) : (node.Inputs[1], node.Inputs[0]);
        if (Known.Uniform(c) is not { } k || Known.IsConstant(rest)) return null;
        return rest switch
        {
            Apply { Op: DivOp, Inputs: [var a, var b] } when Known.Uniform(a) is { } n => Fn.Div(Fn.Full(a.Shape, k * n), b),
            Apply { Op: BroadcastToOp, Inputs: [Apply { Op: DivOp, Inputs: [var a, var b] }] } spread when Known.Uniform(a) is { } n =>
                Fn.BroadcastTo(Fn.Div(Fn.Full(a.Shape, k * n), b), spread.Shape),
            Apply { Op: MulOp, Inputs: [var s, var x] } when Known.IsScalar(s) && !Known.IsScalar(x) => Fn.Mul(Fn.Mul(c, s), x),
            Apply { Op: MulOp, Inputs: [var x, var s] } when Known.IsScalar(s) && !Known.IsScalar(x) => Fn.Mul(Fn.Mul(c, s), x),
            _ => null,
        };
    }
}
