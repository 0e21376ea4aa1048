namespace PureNet;

/// <summary>
/// matmul(broadcast(a), b) → matmul(a, b) when the broadcast only adds or stretches leading axes: the product
/// broadcasts its leading axes itself, reading one matrix for every batch entry, so the copies are never made. Taken
/// only when the product before any summing keeps its shape (a summed product would otherwise add fewer terms).
/// </summary>
public sealed record BroadcastOperands : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "matmul(broadcast(a), b) → matmul(a, b)";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is MatMulOp or MatMulSumOp && (Unbroadcast(node, 0) is not null || Unbroadcast(node, 1) is not null);

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var a = Unbroadcast(node, 0) ?? node.Inputs[0];
        var b = Unbroadcast(node, 1) is { } b0 && SameProduct(node, a, b0) ? b0 : node.Inputs[1];
        return ReferenceEquals(a, node.Inputs[0]) && ReferenceEquals(b, node.Inputs[1]) ? node : new Apply(node.Op, Fn.Inputs(a, b));
    }

    /// <summary>Operand k read before its broadcast when that leaves the product unchanged, or null.</summary>
    static Expr? Unbroadcast(Apply node, int k)
    {
        if (node.Inputs[k] is not Apply { Op: BroadcastToOp } broadcast) return null;
        var source = broadcast.Inputs[0];
        if (source.Shape.Rank < 2 || source.Shape[^1] != broadcast.Shape[^1] || source.Shape[^2] != broadcast.Shape[^2]) return null;
        var (a, b) = k == 0 ? (source, node.Inputs[1]) : (node.Inputs[0], source);
        return SameProduct(node, a, b) ? source : null;
    }

    static bool SameProduct(Apply node, Expr a, Expr b)
    {
        var (ta, tb) = node.Op switch { MatMulOp m => (m.TransposeA, m.TransposeB), MatMulSumOp m => (m.TransposeA, m.TransposeB), _ => (false, false) };
        var product = new MatMulOp(ta, tb);
        try { return product.InferShape([a.Shape, b.Shape]) == product.InferShape([node.Inputs[0].Shape, node.Inputs[1].Shape]); }
        catch (ShapeException) { return false; }
    }
}
