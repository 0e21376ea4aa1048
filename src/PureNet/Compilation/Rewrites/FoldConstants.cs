using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// An op whose inputs are all constants is computed now. With a static shape the result becomes a fill when its
/// elements are equal, else a constant; with the open batch axis in the node or an input (a fill of [Batch, 10]) the op is computed at batch
/// sizes 1 and 2, and folded into a fill only when both give the same single value: over uniform inputs every op here is
/// at most linear in the batch size (a sum or a count over it), so two equal points mean it does not depend on it.
/// A scalar broadcast stays as it is (it is how a coefficient reads), and an op that refuses its constant input (a
/// label check) is left for evaluation to report.
/// </summary>
public sealed record FoldConstants : IRewriteRule
{
    const int MaxElements = 1 << 16;

    /// <inheritdoc/>
    public string Name => "constant folding";

    /// <inheritdoc/>
    public bool Matches(Apply node) =>
        node.Op is PrimitiveOp and not FillOp && node.Inputs.ForAll(Known.IsConstant) && !IsScalarBroadcast(node);

    /// <summary>The folded value, or the node itself (declining) when it is too large or the op refuses its input.</summary>
    /// <param name="node">An op over constants only.</param>
    /// <returns>A fill or a constant of the node's shape and value, or <paramref name="node"/> when folding declines.</returns>
    public Expr Rewrite(Apply node) => Folded(node) ?? node;

    static bool IsScalarBroadcast(Apply node) => node.Op is BroadcastToOp or ReshapeOp && node.Inputs[0] is Constant;

    static Expr? Folded(Apply node)
    {
        if (!node.Shape.HasBatch && !node.Inputs.Exists(x => x.Shape.HasBatch))
        {
            var y = At(node, 1);
            return y is null ? null : Uniform(y) is { } v ? Fn.Full(node.Shape, v) : new Constant(y);
        }
        var (one, two) = (At(node, 1), At(node, 2));
        return one is not null && two is not null && Uniform(one) is { } a && Uniform(two) is { } b && a.Equals(b) ? Fn.Full(node.Shape, a) : null;
    }

    /// <summary>The node's value with the batch size filled in, or null when it is too large or the op refuses it.</summary>
    static Tensor<double>? At(Apply node, int batch)
    {
        if (node.Shape.WithBatch(batch).Size is var n && n > MaxElements) return null;
        try
        {
            var inputs = node.Inputs.Map(x => Value(x, batch)).ToArray();
            return ((PrimitiveOp)node.Op).Eval<double>(inputs, node.Shape.WithBatch(batch));
        }
        catch (ArgumentException) { return null; }
        catch (InvalidOperationException) { return null; }
    }

    static Tensor<double> Value(Expr x, int batch) => x switch
    {
        Constant c => c.Value,
        Apply { Op: FillOp f } => Tensor.Full(f.Shape.WithBatch(batch), f.Value),
        Apply a => ((PrimitiveOp)a.Op).Eval<double>([Value(a.Inputs[0], batch)], a.Shape.WithBatch(batch)),
        _ => throw new InvalidOperationException("constant folding: not a constant."),
    };

    static double? Uniform(Tensor<double> t)
    {
        var s = t.Span;
        if (s.Length == 0) return null;
        foreach (var v in s) if (!v.Equals(s[0])) return null;
        return s[0];
    }
}
