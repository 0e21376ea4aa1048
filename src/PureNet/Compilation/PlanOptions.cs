using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// How a compiled plan runs. <see cref="DetectAnomaly"/> checks every node's output and throws at the first non-finite
/// value (PyTorch's <c>detect_anomaly</c>); off by default, and a single flag test per node when off.
/// <see cref="Fusions"/> are the engine's rewrites the plan applies before it schedules (<see cref="EngineRules.All"/>
/// by default; <c>[]</c> runs the expression exactly as written, one kernel per node).
/// </summary>
/// <param name="DetectAnomaly">Check every bound input and node output and throw <see cref="AnomalyException"/> at the first NaN or ±∞.</param>
public sealed record PlanOptions(bool DetectAnomaly = false)
{
    /// <summary>No anomaly detection, the engine's fusions: what <see cref="Plan.Compile(IEnumerable{Expr})"/> uses.</summary>
    public static PlanOptions Default { get; } = new();

    /// <summary>The rewrites applied before scheduling, tried in order at each node (<see cref="EngineRules.All"/> by default).</summary>
    public ImmutableArray<IRewriteRule> Fusions { get; init; } = EngineRules.All;

    /// <summary>The same options without the engine's rewrites: every node runs its own kernel.</summary>
    public PlanOptions Unfused => this with { Fusions = [] };
}
