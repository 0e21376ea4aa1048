namespace PureNet;

/// <summary>log(1 + x) → log1p(x): accurate where x is small (log(1 + 1e-17) is 0 in double; log1p gives 1e-17).</summary>
public sealed record LogOfOnePlus : IRewriteRule
{
    /// <inheritdoc/>
    public string Name => "log(1 + x) → log1p(x)";

    /// <inheritdoc/>
    public bool Matches(Apply node) => node.Op is LogOp && node.Inputs[0] is Apply { Op: AddOp } sum && (Known.Is(sum.Inputs[0], 1) || Known.Is(sum.Inputs[1], 1));

    /// <inheritdoc/>
    public Expr Rewrite(Apply node)
    {
        var sum = (Apply)node.Inputs[0];
        return Fn.Log1p(Known.Is(sum.Inputs[0], 1) ? sum.Inputs[1] : sum.Inputs[0]);
    }
}
