using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// The engine's rewrites, which <see cref="Plan.Compile(IEnumerable{Expr})"/> runs before it schedules: each turns the
/// mathematics the builders and derivative rules write into a fused kernel (same value, fewer passes over memory). They
/// run in this order at each node, to a fixpoint, after a node's inputs are rewritten; <see cref="PlanOptions.Fusions"/>
/// chooses them per plan (an empty list runs the expression as written).
/// </summary>
public static class EngineRules
{
    /// <summary>
    /// The fusions in the order they are tried: <see cref="TransposedOperands"/>, <see cref="BroadcastOperands"/>,
    /// <see cref="MatMulSummedDown"/>, <see cref="BiasActivationFusion"/>, <see cref="ActivationGradFusion"/>,
    /// <see cref="ReluMaskIntoPoolGrad"/>. The default of <see cref="PlanOptions.Fusions"/>.
    /// </summary>
    public static ImmutableArray<IRewriteRule> All { get; } =
    [
        new TransposedOperands(),
        new BroadcastOperands(),
        new MatMulSummedDown(),
        new BiasActivationFusion(),
        new ActivationGradFusion(),
        new ReluMaskIntoPoolGrad(),
    ];
}
