using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Expressions compiled to a flat schedule: nodes in topological order with input slots, so a call is one loop;
/// a shared node is computed once per call, and an intermediate is dropped after its last use.
/// A plan holds no per-call state, so one plan may run on several threads at once.
/// </summary>
public sealed class Plan
{
    readonly ImmutableArray<Expr> nodes;
    readonly ImmutableArray<ImmutableArray<int>> inputs;
    readonly ImmutableArray<int> outputs;
    readonly ImmutableArray<ImmutableArray<int>> releaseAfter;
    readonly ImmutableArray<Variable> variables;
    readonly PlanOptions options;
    /// <summary>Per node: true when it computes a forward value (reachable from the forward outputs), for anomaly messages.</summary>
    readonly ImmutableArray<bool> forward;

    Plan(ImmutableArray<Expr> outputs, PlanOptions options, int forwardOutputs)
    {
        this.options = options;
        Graph.MergeVariables("Evaluate", outputs);
        nodes = Graph.TopoSort(outputs);
        var slot = new Dictionary<Expr, int>(NodeIdentity.Instance);
        for (var i = 0; i < nodes.Length; i++) slot[nodes[i]] = i;
        inputs = [.. nodes.Select(n => n.Inputs.Map(x => slot[x]).ToImmutableArray())];
        this.outputs = [.. outputs.Select(o => slot[o])];
        variables = [.. nodes.OfType<Variable>()];
        var forwardNodes = new System.Collections.Generic.HashSet<Expr>(Graph.TopoSort(outputs.Take(forwardOutputs)), NodeIdentity.Instance);
        forward = [.. nodes.Select(forwardNodes.Contains)];

        // Liveness: the last step that reads each slot; outputs live to the end.
        var lastUse = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++) foreach (var j in inputs[i]) lastUse[j] = i;
        foreach (var o in this.outputs) lastUse[o] = int.MaxValue;
        var release = Enumerable.Range(0, nodes.Length).Select(_ => ImmutableArray.CreateBuilder<int>()).ToArray();
        for (var j = 0; j < nodes.Length; j++) if (lastUse[j] < nodes.Length && lastUse[j] > j) release[lastUse[j]].Add(j);
        releaseAfter = [.. release.Select(r => r.ToImmutable())];
    }

    public static Plan Compile(params IEnumerable<Expr> outputs) => Compile(outputs, PlanOptions.Default);

    /// <summary>Compiles the outputs with options (e.g. anomaly detection).</summary>
    public static Plan Compile(IEnumerable<Expr> outputs, PlanOptions options) => Compile(outputs, options, int.MaxValue);

    /// <summary>Compiles the outputs; nodes that only the outputs from <paramref name="forwardOutputs"/> on need are reported as the backward pass.</summary>
    internal static Plan Compile(IEnumerable<Expr> outputs, PlanOptions options, int forwardOutputs)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new([.. Checked(outputs)], options, forwardOutputs);
    }

    static IEnumerable<Expr> Checked(IEnumerable<Expr> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var list = outputs.ToList();
        if (list.Any(o => o is null)) throw new ArgumentNullException(nameof(outputs), "Plan.Compile: an output expression is null.");
        return list;
    }

    /// <summary>The variables the outputs read, each once.</summary>
    public ImmutableArray<Variable> Variables => variables;

    /// <summary>Evaluates every output in precision T with the given bindings (variable name → value).</summary>
    public Seq<Tensor<T>> Run<T>(HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = Bindings.BatchSize(variables, bindings);
        var values = new Tensor<T>?[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            values[i] = nodes[i] switch
            {
                Variable v => Bound(v, bindings),
                Constant c => Tensor.Cast<double, T>(c.Value),
                Apply a => Step(a, inputs[i], values, batch, options.DetectAnomaly, forward[i]),
                var other => throw new InvalidOperationException($"Evaluate: unknown node kind {other.GetType().Name}."),
            };
            foreach (var j in releaseAfter[i]) values[j] = null;
        }
        return outputs.Select(o => values[o]!).ToSeq().Strict();
    }

    Tensor<T> Bound<T>(Variable v, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var value = bindings.Find(v.Name).IfNone(() => throw Bindings.Missing(v, bindings.Keys));
        if (options.DetectAnomaly) Anomaly.CheckBinding(v, value);
        return value;
    }

    static Tensor<T> Step<T>(Apply a, ImmutableArray<int> slots, Tensor<T>?[] values, Option<int> batch, bool detectAnomaly, bool forward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var args = new Tensor<T>[slots.Length];
        for (var k = 0; k < args.Length; k++) args[k] = values[slots[k]]!;
        var shape = a.Shape.HasBatch
            ? a.Shape.WithBatch(batch.IfNone(() => throw new ArgumentException($"Evaluate: {a.Op.Name} has shape {a.Shape} with an open batch dimension, but no bound variable fixes the batch size.")))
            : a.Shape;
        var y = a.Op.Eval<T>(args, shape);
        if (y.Shape != shape)
            throw new InvalidOperationException($"Evaluate: op {a.Op.Name} returned shape {y.Shape}; its shape rule promised {shape}.");
        if (detectAnomaly) Anomaly.CheckStep(a, forward, args, y);
        return y;
    }
}
