namespace PureNet;

/// <summary>
/// where(m, a, 0)·x + where(m, 0, b)·y → where(m, a·x, b·y): two terms that each live on one side of a choice are the
/// choice of the two (a piecewise function's derivative, Huber's, is built as such a sum). Either order of each product.
/// </summary>
public sealed record WheresOfProducts : IDismantlingRule
{
    /// <inheritdoc/>
    public IEnumerable<Expr> Dismantles(Apply node) => node.Inputs;   // the two products; the choices may stay shared

    /// <inheritdoc/>
    public string Name => "where(m, a, 0)·x + where(m, 0, b)·y → where(m, a·x, b·y)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Joined(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Joined(node) ?? node;

    static Expr? Joined(Apply node)
    {
        if (node.Op is not AddOp || Side(node.Inputs[0], node) is not var (m1, a1, x1, first) || Side(node.Inputs[1], node) is not var (m2, a2, x2, second)) return null;
        if (!ReferenceEquals(m1, m2) || first == second) return null;
        var (whenTrue, whenFalse) = first ? (Fn.Mul(a1, x1), Fn.Mul(a2, x2)) : (Fn.Mul(a2, x2), Fn.Mul(a1, x1));
        return whenTrue.Shape == node.Shape && whenFalse.Shape == node.Shape ? Fn.Where(m1, whenTrue, whenFalse) : null;
    }

    /// <summary>A term where(m, a, 0)·x (true side) or where(m, 0, b)·x: the mask, the branch value, x and the side; or null.</summary>
    static (Expr Mask, Expr Value, Expr X, bool TrueSide)? Side(Expr term, Apply node)
    {
        if (term is not Apply { Op: MulOp, Inputs: [var p, var q] }) return null;
        return Choice(p, node) is var (m, v, s) ? (m, v, q, s) : Choice(q, node) is var (n, w, r) ? (n, w, p, r) : null;
    }

    static (Expr, Expr, bool)? Choice(Expr e, Apply node) => e switch
    {
        Apply { Op: SelectOp, Inputs: [var m, var a, var b] } when e.Shape == node.Shape && Known.Is(b, 0) && !Known.Is(a, 0) => (m, a, true),
        Apply { Op: SelectOp, Inputs: [var m, var a, var b] } when e.Shape == node.Shape && Known.Is(a, 0) && !Known.Is(b, 0) => (m, b, false),
        _ => null,
    };
}
