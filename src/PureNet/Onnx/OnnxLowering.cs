using System.Collections.Immutable;

namespace PureNet;

/// <summary>
/// An expression as an ONNX graph, in two passes over its topological order (no recursion, so deep graphs lower too).
/// Backwards from the output: each needed node's mapping says what it reads, which makes those needed, so a
/// <c>broadcast_to</c> that every reader looks through is never emitted. Forwards: each needed node's mapping emits its
/// ONNX nodes from the names of what it reads. An op without a mapping is refused, naming it, before anything is emitted.
/// </summary>
internal static class OnnxLowering
{
    public const string Function = "Onnx.Export";

    /// <summary>The output, the topological order and, for each needed node, its mapping and what it reads.</summary>
    public sealed record Lowering(Expr Output, ImmutableArray<Expr> Order, IReadOnlyDictionary<Apply, (OnnxMapping Mapping, ImmutableArray<Expr> Reads)> Reads);

    /// <summary>The backward pass: what each needed node reads; every op without a mapping is refused here, by name, in one exception.</summary>
    public static Lowering Plan(Expr output)
    {
        var order = PureNet.Graph.TopoSort(output);
        var reads = new Dictionary<Apply, (OnnxMapping Mapping, ImmutableArray<Expr> Reads)>(ReferenceEqualityComparer.Instance);
        var needed = new System.Collections.Generic.HashSet<Expr>(ReferenceEqualityComparer.Instance) { output };
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = order.Length - 1; i >= 0; i--)
        {
            if (order[i] is not Apply node || !needed.Contains(node)) continue;
            var mapping = OnnxMappings.For(node);
            if (mapping is null) unmapped.Add(node.Op.Name);
            var r = mapping is null ? OnnxMapping.Inputs(node) : mapping.Reads(node);
            if (mapping is not null) reads[node] = (mapping, r);
            foreach (var x in r) needed.Add(x);
        }
        if (unmapped.Count > 0) throw Unmapped(unmapped);
        return new(output, order, reads);
    }

    /// <summary>The forward pass: each needed node's ONNX nodes, in topological order, then the graph's inputs and output.</summary>
    public static OnnxGraph Graph(Lowering lowering, OnnxSignature signature, Func<Variable, float[]> parameter)
    {
        var g = new OnnxGraphBuilder(signature.Inputs, signature.Parameters.Select(p => p.Name), parameter, signature.Inputs[0]);
        foreach (var e in lowering.Order)
            if (e is Apply node && lowering.Reads.TryGetValue(node, out var m))
                g.Bind(node, m.Mapping.Emit(g, node, [.. m.Reads.Select(g.Value)]));
        var output = lowering.Output;
        var result = g.Output(g.Value(output));
        return new OnnxGraph("purenet", [.. g.Nodes], [.. g.Initializers],
            [.. signature.Inputs.Select(v => new OnnxValueInfo(v.Name, OnnxType.Float, v.Shape))],
            [new OnnxValueInfo(result, OnnxType.Float, output.Shape)]);
    }

    static NotSupportedException Unmapped(SortedSet<string> ops)
    {
        var names = string.Join(", ", ops.Select(o => $"'{o}'"));
        var hint = ops.Contains("dropout_mask")
            ? " dropout_mask is training-mode dropout: export the expression built with training: false (dropout is then the identity)."
            : "";
        return new NotSupportedException(
            $"{Function}: op{(ops.Count > 1 ? "s" : "")} {names} ha{(ops.Count > 1 ? "ve" : "s")} no ONNX mapping; only inference expressions export, built from the ops " +
            $"listed in the README's section 'Export to ONNX' (gradient, loss and checking ops do not).{hint}");
    }
}
