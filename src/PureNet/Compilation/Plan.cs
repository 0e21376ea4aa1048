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

    Plan(ImmutableArray<Expr> outputs)
    {
        nodes = Graph.TopoSort(outputs);
        var slot = new Dictionary<Expr, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < nodes.Length; i++) slot[nodes[i]] = i;
        inputs = [.. nodes.Select(n => n.Inputs.Map(x => slot[x]).ToImmutableArray())];
        this.outputs = [.. outputs.Select(o => slot[o])];
        variables = [.. nodes.OfType<Variable>()];
        CheckVariableNames(variables);

        // Liveness: the last step that reads each slot; outputs live to the end.
        var lastUse = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++) foreach (var j in inputs[i]) lastUse[j] = i;
        foreach (var o in this.outputs) lastUse[o] = int.MaxValue;
        var release = Enumerable.Range(0, nodes.Length).Select(_ => ImmutableArray.CreateBuilder<int>()).ToArray();
        for (var j = 0; j < nodes.Length; j++) if (lastUse[j] < nodes.Length && lastUse[j] > j) release[lastUse[j]].Add(j);
        releaseAfter = [.. release.Select(r => r.ToImmutable())];
    }

    public static Plan Compile(params IEnumerable<Expr> outputs) => new([.. outputs]);

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
                Variable v => bindings.Find(v.Name).IfNone(() => throw Bindings.Missing(v, bindings.Keys)),
                Constant c => Tensor.Cast<double, T>(c.Value),
                Apply a => Step(a, inputs[i], values, batch),
                var other => throw new InvalidOperationException($"Evaluate: unknown node kind {other.GetType().Name}."),
            };
            foreach (var j in releaseAfter[i]) values[j] = null;
        }
        return outputs.Select(o => values[o]!).ToSeq().Strict();
    }

    static Tensor<T> Step<T>(Apply a, ImmutableArray<int> slots, Tensor<T>?[] values, Option<int> batch) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var args = new Tensor<T>[slots.Length];
        for (var k = 0; k < args.Length; k++) args[k] = values[slots[k]]!;
        var shape = a.Shape.HasBatch
            ? a.Shape.WithBatch(batch.IfNone(() => throw new ArgumentException($"Evaluate: {a.Op.Name} has shape {a.Shape} with an open batch dimension, but no bound variable fixes the batch size.")))
            : a.Shape;
        var y = a.Op.Eval<T>(args, shape);
        return y.Shape == shape ? y
            : throw new InvalidOperationException($"Evaluate: op {a.Op.Name} returned shape {y.Shape}; its shape rule promised {shape}.");
    }

    static void CheckVariableNames(ImmutableArray<Variable> variables)
    {
        foreach (var g in variables.GroupBy(v => v.Name).Where(g => g.Select(v => v.Shape).Distinct().Count() > 1))
            throw new ArgumentException($"Evaluate: variable name '{g.Key}' is used with different shapes {string.Join(" and ", g.Select(v => v.Shape).Distinct())}; one name, one shape.");
    }
}
