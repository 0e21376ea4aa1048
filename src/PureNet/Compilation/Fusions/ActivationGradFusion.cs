namespace PureNet;

/// <summary>
/// g·(1 − y²) with y = tanh(·) → tanh_grad(y, g), and g·(y·(1 − y)) with y = σ(·) → sigmoid_grad(y, g): the derivative
/// the VJP writes in its textbook form, computed in one pass over y and g instead of three. The square may be y·y,
/// square(y) or y^2, the products in either order, as the derivative rules and the simplifier leave them.
/// </summary>
public sealed record ActivationGradFusion : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "g·(1 − tanh²) → tanh_grad, g·σ(1 − σ) → sigmoid_grad";

    /// <inheritdoc/>
    public bool Matches(Apply node) => Fused(node) is not null;

    /// <inheritdoc/>
    public Expr Rewrite(Apply node) => Fused(node) ?? node;

    static Expr? Fused(Apply node)
    {
        if (node.Op is not MulOp || node.Inputs[0].Shape != node.Shape || node.Inputs[1].Shape != node.Shape) return null;
        var (p, q) = (node.Inputs[0], node.Inputs[1]);
        return Derivative(q) is var (kind, y) ? Fn.ActivationGrad(kind, y, p)
            : Derivative(p) is var (k, z) ? Fn.ActivationGrad(k, z, q)
            : null;
    }

    /// <summary>The activation and its output y when d is 1 − y² (y a tanh) or y·(1 − y) (y a sigmoid); or null.</summary>
    static (ActivationKind, Expr)? Derivative(Expr d) => d switch
    {
        Apply { Op: SubOp, Inputs: [var one, var square] } when Known.Is(one, 1) && SquaredTanh(square) is { } y => (ActivationKind.Tanh, y),
        Apply { Op: MulOp, Inputs: [var y, Apply { Op: SubOp, Inputs: [var one, var y2] }] } when IsSigmoid(y) && ReferenceEquals(y, y2) && Known.Is(one, 1) => (ActivationKind.Sigmoid, y),
        Apply { Op: MulOp, Inputs: [Apply { Op: SubOp, Inputs: [var one, var y2] }, var y] } when IsSigmoid(y) && ReferenceEquals(y, y2) && Known.Is(one, 1) => (ActivationKind.Sigmoid, y),
        _ => null,
    };

    static Expr? SquaredTanh(Expr square) => square switch
    {
        Apply { Op: MulOp, Inputs: [var y, var same] } when ReferenceEquals(y, same) && y.Shape == square.Shape && IsTanh(y) => y,
        Apply { Op: PowOp, Inputs: [var y, var two] } when Known.Is(two, 2) && y.Shape == square.Shape && IsTanh(y) => y,
        Apply { Op: SquareOp, Inputs: [var y] } when IsTanh(y) => y,
        _ => null,
    };

    static bool IsTanh(Expr y) => y is Apply { Op: TanhOp or BiasActivationOp { Kind: ActivationKind.Tanh } };

    static bool IsSigmoid(Expr y) => y is Apply { Op: SigmoidOp or BiasActivationOp { Kind: ActivationKind.Sigmoid } };
}
