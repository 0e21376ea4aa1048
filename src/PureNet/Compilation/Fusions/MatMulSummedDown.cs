namespace PureNet;

/// <summary>
/// sum_to(op(a)·op(b), shape) over leading axes → matmul_sum(a, b): a conv weight's gradient, Σᵢ gᵢ·xᵢᵀ over the
/// batch, becomes one GEMM whose inner dimension runs over every product it adds, and the stack of products is never
/// made. The sum may come as the reverse pass writes it (a sum keeping its axes, then a reshape) or already folded into
/// one sum; either way the summed axes must be exactly those summing down to the node's shape adds up.
/// </summary>
public sealed record MatMulSummedDown : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "sum_to(a · b, [..lead, m, n]) → matmul_sum(a, b)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Fused(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fused(node) ?? node;

    static Expr? Fused(Apply node)
    {
        var sum = node is { Op: ReshapeOp } && node.Inputs[0] is Apply { Op: SumOp } inner ? inner : node;
        if (sum is not { Op: SumOp s } || sum.Inputs[0] is not Apply { Op: MatMulOp m } product) return null;
        var target = node.Shape;
        if (target.Rank < 2 || target[^2] != product.Shape[^2] || target[^1] != product.Shape[^1] || !Broadcast.Reaches(target, product.Shape)) return null;
        if (!s.Axes.Normalize(product.Shape, s.Name).SequenceEqual(Broadcast.SummedAxes(product.Shape, target))) return null;
        return Fn.MatMulSumTo(product.Inputs[0], product.Inputs[1], m.TransposeA, m.TransposeB, target);
    }
}
