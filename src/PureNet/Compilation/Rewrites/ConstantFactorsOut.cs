namespace PureNet;

/// <summary>
/// (c·x)·y → c·(x·y), x·(c·y) → c·(x·y) and (c·x)/y → c·(x/y), c a known number: a product's numbers move to its
/// front, so that the two halves of a product rule, g·(0.5·d) and (g·d)·0.5, become one term that like terms can add.
/// </summary>
public sealed record ConstantFactorsOut : IDismantlingRule
{
    /// <inheritdoc/>
    public IEnumerable<Expr> Dismantles(Apply node) => node.Op is DivOp ? [node.Inputs[0]] : node.Inputs.Where(x => x is Apply { Op: MulOp });

    /// <inheritdoc/>
    public string Name => "(c·x)·y → c·(x·y), (c·x)/y → c·(x/y)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Pulled(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Pulled(node) ?? node;

    static Expr? Pulled(Apply node)
    {
        if (node.Op is not (MulOp or DivOp) || Known.IsConstant(node.Inputs[0]) || Known.IsConstant(node.Inputs[1])) return null;
        return node.Op is DivOp ? Out(node.Inputs[0], node.Inputs[1], node, left: true) : Out(node.Inputs[0], node.Inputs[1], node, left: true) ?? Out(node.Inputs[1], node.Inputs[0], node, left: false);
    }

    /// <summary>c·(x·other), or c·(x/other) for a quotient, when <paramref name="scaled"/> is c·x or x·c and the result has the node's shape; or null.</summary>
    static Expr? Out(Expr scaled, Expr other, Apply node, bool left)
    {
        if (scaled is not Apply { Op: MulOp }) return null;
        var (c, x) = Known.Term(scaled);
        if (c == 1 || ReferenceEquals(x, scaled) || Known.IsScalar(x)) return null;   // (c·s)·x, s a scalar such as 1/N, is ScalarFactors' form
        var product = node.Op is DivOp ? Fn.Div(x, other) : left ? Fn.Mul(x, other) : Fn.Mul(other, x);   // the operands keep their order
        return product.Shape == node.Shape ? Known.Scaled(c, product) : null;
    }
}
