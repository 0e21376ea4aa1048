namespace PureNet;

/// <summary>where(m, c·x, c·y) → c·where(m, x, y), c a known number (the same on both sides).</summary>
public sealed record ConstantOutOfWhere : IDismantlingRule
{
    /// <inheritdoc/>
    public IEnumerable<Expr> Dismantles(Apply node) => node.Inputs.Skip(1);

    /// <inheritdoc/>
    public string Name => "where(m, c·x, c·y) → c·where(m, x, y)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Pulled(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Pulled(node) ?? node;

    static Expr? Pulled(Apply node)
    {
        if (node.Op is not SelectOp || node.Inputs[1] is not Apply { Op: MulOp } || node.Inputs[2] is not Apply { Op: MulOp }) return null;
        var ((a, x), (b, y)) = (Known.Term(node.Inputs[1]), Known.Term(node.Inputs[2]));
        if (a != b || a == 1 || ReferenceEquals(x, node.Inputs[1]) || ReferenceEquals(y, node.Inputs[2])) return null;
        var choice = Fn.Where(node.Inputs[0], x, y);
        return choice.Shape == node.Shape ? Known.Scaled(a, choice) : null;
    }
}
