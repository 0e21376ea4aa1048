namespace PureNet;

/// <summary>
/// matmul(aᵀ, b) → matmul_tn(a, b), and so for either operand of a product or a summed product: the GEMM reads the
/// operand transposed in place (its flag flips), so the transpose is never materialised.
/// </summary>
public sealed record TransposedOperands : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "matmul(aᵀ, b) → matmul_tn(a, b)";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is MatMulOp or MatMulSumOp && (Untransposed(node.Inputs[0]) is not null || Untransposed(node.Inputs[1]) is not null);

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var (a, b) = (Untransposed(node.Inputs[0]), Untransposed(node.Inputs[1]));
        var inputs = Fn.Inputs(a ?? node.Inputs[0], b ?? node.Inputs[1]);
        return node.Op switch
        {
            MatMulOp m => new Apply(new MatMulOp(m.TransposeA ^ a is not null, m.TransposeB ^ b is not null), inputs),
            MatMulSumOp m => new Apply(m with { TransposeA = m.TransposeA ^ a is not null, TransposeB = m.TransposeB ^ b is not null }, inputs),
            _ => node,
        };
    }

    /// <summary>What a swap of the last two axes (and nothing else) transposes, or null.</summary>
    static Expr? Untransposed(Expr x) => x is Apply { Op: TransposeOp { SwapsLastTwo: true } } inner ? inner.Inputs[0] : null;
}
