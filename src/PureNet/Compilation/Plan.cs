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
        nodes = Graph.TopoSort(outputs);
        var slot = new Dictionary<Expr, int>(NodeIdentity.Instance);
        for (var i = 0; i < nodes.Length; i++) slot[nodes[i]] = i;
        this.outputs = [.. outputs.Select(o => slot[o])];
        (inputs, elided) = ReadBroadcastsInPlace(nodes, [.. nodes.Select(n => n.Inputs.Map(x => slot[x]).ToArray())], this.outputs);
        variables = [.. nodes.OfType<Variable>()];
        // Every node is forward unless some outputs are gradients; only then is a second walk needed.
        var forwardNodes = forwardOutputs >= outputs.Length ? null
            : new System.Collections.Generic.HashSet<Expr>(Graph.TopoSort(outputs.Take(forwardOutputs)), NodeIdentity.Instance);
        forward = [.. nodes.Select(n => forwardNodes?.Contains(n) ?? true)];

        // Liveness: the last step that reads each slot; outputs live to the end.
        var lastUse = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++) if (!elided[i]) foreach (var j in inputs[i]) lastUse[j] = i;
        foreach (var o in this.outputs) lastUse[o] = int.MaxValue;
        var release = Enumerable.Range(0, nodes.Length).Select(_ => ImmutableArray.CreateBuilder<int>()).ToArray();
        for (var j = 0; j < nodes.Length; j++) if (lastUse[j] < nodes.Length && lastUse[j] > j) release[lastUse[j]].Add(j);
        releaseAfter = [.. release.Select(r => r.ToImmutable())];
        floatConstants = [.. nodes.Select(n => n is Constant c ? Tensor.Cast<double, float>(c.Value) : null)];
        doubleConstants = [.. nodes.Select(n => n is Constant c ? c.Value : null)];
        maxArity = nodes.Select(n => n.Inputs.Count).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// A broadcast_to read only by elementwise binary ops whose other operand already has the full shape is a view:
    /// its readers take the unbroadcast input and broadcast it in their kernel (a bias row is added row by row), so the
    /// stretched copy is never made. Returns the rewired input slots and which broadcasts are skipped.
    /// </summary>
    static (ImmutableArray<ImmutableArray<int>>, ImmutableArray<bool>) ReadBroadcastsInPlace(ImmutableArray<Expr> nodes, int[][] inputs, ImmutableArray<int> outputs)
    {
        var users = new List<int>[nodes.Length];
        for (var u = 0; u < nodes.Length; u++)
            foreach (var j in inputs[u]) (users[j] ??= []).Add(u);
        var candidate = new bool[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
            candidate[i] = nodes[i] is Apply { Op: BroadcastToOp } && !outputs.Contains(i) && users[i] is { Count: > 0 } readers
                && readers.All(u => nodes[u] is Apply { Op: AddOp or SubOp or MulOp or DivOp or PowOp or MaximumOp or MinimumOp or CompareOp } user
                    && inputs[u].Count(j => j == i) == 1
                    && inputs[u].Where(j => j != i).All(j => nodes[j].Shape == user.Shape));
        // The other operand must stay full: of two broadcasts meeting in one op, neither is skipped.
        var skip = new bool[nodes.Length];
        for (var i = 0; i < nodes.Length; i++)
            skip[i] = candidate[i] && users[i].All(u => inputs[u].Where(j => j != i).All(j => !candidate[j]));
        for (var u = 0; u < nodes.Length; u++)
            for (var k = 0; k < inputs[u].Length; k++)
                if (skip[inputs[u][k]]) inputs[u][k] = inputs[inputs[u][k]][0];
        return ([.. inputs.Select(i => i.ToImmutableArray())], [.. skip]);
    }

    public static Plan Compile(params IEnumerable<Expr> outputs) => Compile(outputs, PlanOptions.Default);

    /// <summary>Compiles the outputs with options (e.g. anomaly detection).</summary>
    public static Plan Compile(IEnumerable<Expr> outputs, PlanOptions options) => Compile(outputs, options, int.MaxValue);

    /// <summary>Compiles the outputs; nodes that only the outputs from <paramref name="forwardOutputs"/> on need are reported as the backward pass.</summary>
    internal static Plan Compile(IEnumerable<Expr> outputs, PlanOptions options, int forwardOutputs) =>
        new([.. Guard.NoNulls(Guard.NotNull(outputs, "Plan.Compile").ToArray(), "Plan.Compile", nameof(outputs))],
            Guard.NotNull(options, "Plan.Compile"), forwardOutputs);

    /// <summary>The variables the outputs read, each once.</summary>
    public ImmutableArray<Variable> Variables => variables;

    /// <summary>Evaluates every output in precision T with the given bindings (variable name → value).</summary>
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
        var results = outputs.Select(o => arena.Detach(values[o]!)).ToSeq().Strict();
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
        var y = a.Op.Eval<T>(args, shape, arena.Allocate);
        if (y.Shape != shape)
            throw new InvalidOperationException($"Evaluate: op {a.Op.Name} returned shape {y.Shape}; its shape rule promised {shape}.");
        if (detectAnomaly) Anomaly.CheckStep(a, forward, args, y);
        args.Clear();
        return y;
    }
}
