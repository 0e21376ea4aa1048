using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Expressions compiled to a flat schedule: nodes in topological order with input slots, so a call is one loop;
/// a shared node is computed once per call, and an intermediate is dropped after its last use, its buffer going to the
/// next node that needs one of its size (an <see cref="Arena{T}"/> per call, taken from a pool). Constants are
/// converted to float and double once, when the plan is compiled; concrete shapes are worked out once per batch size.
/// Steady-state calls allocate little beyond their results. Calls never share an arena, so one plan may run on
/// several threads at once.
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
    readonly Tensor<float>?[] floatConstants;
    readonly Tensor<double>?[] doubleConstants;
    readonly int maxArity;
    /// <summary>Per node: a broadcast_to that is never materialised, because its readers broadcast in their kernels.</summary>
    readonly ImmutableArray<bool> elided;
    readonly ConcurrentBag<Arena<float>> floatArenas = [];
    readonly ConcurrentBag<Arena<double>> doubleArenas = [];

    Plan(ImmutableArray<Expr> outputs, PlanOptions options, int forwardOutputs)
    {
        this.options = options;
        Graph.MergeVariables("Evaluate", outputs);
        // Every pass below is a loop over nodes and edges with slot numbers, not hash lookups per edge: compiling
        // stays linear in the graph's size, and allocates a few arrays rather than objects per node.
        var (sorted, sortedSlot) = Graph.TopoSortIndexed(outputs);
        (nodes, var slot, var fused) = Fusing.Fuse(sorted, sortedSlot, [.. outputs], options.Fusions);
        outputs = [.. fused];
        var reads = new int[nodes.Length][];
        for (var i = 0; i < nodes.Length; i++)
        {
            var xs = nodes[i].Inputs;
            reads[i] = xs.Count == 0 ? [] : new int[xs.Count];
            for (var k = 0; k < reads[i].Length; k++) reads[i][k] = slot[xs[k]];
        }
        this.outputs = [.. outputs.Select(o => slot[o])];
        forward = PlanPasses.ForwardNodes(reads, this.outputs, forwardOutputs);
        (inputs, elided) = PlanPasses.ReadBroadcastsInPlace(nodes, reads, this.outputs);
        variables = [.. nodes.OfType<Variable>()];

        // Liveness: the last step that reads each slot; outputs live to the end.
        var lastUse = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++) if (!elided[i]) foreach (var j in inputs[i]) lastUse[j] = i;
        foreach (var o in this.outputs) lastUse[o] = int.MaxValue;
        releaseAfter = PlanPasses.ReleaseLists(lastUse);
        floatConstants = new Tensor<float>?[nodes.Length];
        doubleConstants = new Tensor<double>?[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
            if (nodes[i] is Constant c) (floatConstants[i], doubleConstants[i]) = (Tensor.Cast<double, float>(c.Value), c.Value);
        foreach (var n in nodes) maxArity = Math.Max(maxArity, n.Inputs.Count);
    }

    /// <summary>
    /// Compiles the outputs into one plan with <see cref="PlanOptions.Default"/>: the engine's fusions, no anomaly
    /// detection. What the outputs share is computed once per call.
    /// </summary>
    /// <param name="outputs">The expressions the plan computes, in the order <see cref="Run{T}"/> returns them.</param>
    /// <returns>The compiled plan; run it with <see cref="Run{T}"/>, in float or double, as often as wanted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outputs"/> or one of its elements is null.</exception>
    /// <exception cref="ShapeException">Two outputs use one variable name with two shapes.</exception>
    /// <example>
    /// <code>
    /// var x = Variable("x", Dim.Batch, 3);
    /// var w = Variable("w", 3, 1);
    /// var y = Tanh(MatMul(x, w));
    /// var plan = Plan.Compile(y, Grad(Sum(y), w));          // one forward pass serves both outputs
    /// var values = plan.Run(Bind(("x", Tensor.Normal&lt;float&gt;(new Shape(8, 3), seed: 1)),
    ///                            ("w", Tensor.Normal&lt;float&gt;(new Shape(3, 1), seed: 2))));
    /// Tensor&lt;float&gt; output = values[0], dw = values[1];
    /// </code>
    /// </example>
    public static Plan Compile(params IEnumerable<Expr> outputs) => Compile(outputs, PlanOptions.Default);

    /// <summary>Compiles the outputs with options: anomaly detection, or a choice of fusions (<see cref="PlanOptions.Unfused"/> runs them as written).</summary>
    /// <param name="outputs">The expressions the plan computes, in the order <see cref="Run{T}"/> returns them.</param>
    /// <param name="options">How the plan runs.</param>
    /// <returns>The compiled plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outputs"/>, one of its elements, or <paramref name="options"/> is null.</exception>
    /// <exception cref="ShapeException">Two outputs use one variable name with two shapes.</exception>
    /// <exception cref="InvalidOperationException">A fusion rule returned a node of another shape.</exception>
    public static Plan Compile(IEnumerable<Expr> outputs, PlanOptions options) => Compile(outputs, options, int.MaxValue);

    /// <summary>Compiles the outputs; nodes that only the outputs from <paramref name="forwardOutputs"/> on need are reported as the backward pass.</summary>
    internal static Plan Compile(IEnumerable<Expr> outputs, PlanOptions options, int forwardOutputs) =>
        new([.. Guard.NoNulls(Guard.NotNull(outputs, "Plan.Compile").ToArray(), "Plan.Compile", nameof(outputs))],
            Guard.NotNull(options, "Plan.Compile"), forwardOutputs);

    /// <summary>The nodes the plan runs, in order, after its fusions (for tests that look at what the engine runs).</summary>
    internal ImmutableArray<Expr> Nodes => nodes;

    /// <summary>The variables the outputs read, each once.</summary>
    public ImmutableArray<Variable> Variables => variables;

    /// <summary>
    /// Evaluates every output in precision <typeparamref name="T"/> with the given bindings. The bindings fix the batch
    /// size; names the outputs do not read are ignored, so a whole parameter map can be passed. Thread-safe.
    /// </summary>
    /// <typeparam name="T">The precision of this call: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="bindings">Variable name → value (<see cref="Fn.Bind{T}"/> builds it from pairs).</param>
    /// <returns>The outputs' values, in the order they were compiled.</returns>
    /// <exception cref="ArgumentException">A variable is not bound, is bound to a tensor of another rank or size, the bound batch sizes differ, or a node has the open batch axis but no bound variable fixes it.</exception>
    /// <exception cref="AnomalyException">With <see cref="PlanOptions.DetectAnomaly"/>: a bound value or a node's output holds NaN or ±∞.</exception>
    public Seq<Tensor<T>> Run<T>(HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var batch = Bindings.BatchSize(variables, bindings);
        var pool = (ConcurrentBag<Arena<T>>)(typeof(T) == typeof(float) ? floatArenas : (object)doubleArenas);
        var constants = (Tensor<T>?[])(typeof(T) == typeof(float) ? floatConstants : (object)doubleConstants);
        var arena = pool.TryTake(out var a) ? a : new Arena<T>(nodes.Length, maxArity);
        var size = batch.IfNone(-1);
        arena.UseBatch(size, nodes);
        var values = arena.Values;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (elided[i]) continue;
            var value = nodes[i] switch
            {
                Variable v => Bound(v, bindings),
                Constant => constants[i]!,
                Apply op => Step(op, i, arena, batch.IsSome, options.DetectAnomaly, forward[i]),
                var other => throw new InvalidOperationException($"Evaluate: unknown node kind {other.GetType().Name}."),
            };
            values[i] = value;
            arena.Hold(value);
            foreach (var j in releaseAfter[i]) { arena.Drop(values[j]!); values[j] = null; }
        }
        var results = arena.Detach(outputs.Select(o => values[o]!));
        for (var i = 0; i < values.Length; i++)
            if (values[i] is { } left) { arena.Drop(left); values[i] = null; }
        pool.Add(arena);                                      // only after a call that finished: a failed call's arena is dropped
        return results;
    }

    Tensor<T> Bound<T>(Variable v, HashMap<string, Tensor<T>> bindings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var value = bindings.Find(v.Name).IfNone(() => throw Bindings.Missing(v, bindings.Keys));
        if (options.DetectAnomaly) Anomaly.CheckBinding(v, value);
        return value;
    }

    Tensor<T> Step<T>(Apply a, int node, Arena<T> arena, bool hasBatch, bool detectAnomaly, bool forward) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var slots = inputs[node];
        var args = arena.Args.AsSpan(0, slots.Length);
        for (var k = 0; k < args.Length; k++) args[k] = arena.Values[slots[k]]!;
        if (a.Shape.HasBatch && !hasBatch)
            throw new ArgumentException($"Evaluate: {a.Op.Name} has shape {a.Shape} with an open batch dimension, but no bound variable fixes the batch size.");
        var shape = arena.Shapes[node];
        var y = PrimitiveOp.Run(a.Op, args, shape, arena.Allocate);
        if (y.Shape != shape)
            throw new InvalidOperationException($"Evaluate: op {a.Op.Name} returned shape {y.Shape}; its shape rule promised {shape}.");
        if (detectAnomaly) Anomaly.CheckStep(a, forward, args, y);
        args.Clear();
        return y;
    }
}
