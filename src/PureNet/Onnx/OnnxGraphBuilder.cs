using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;

namespace PureNet;

/// <summary>
/// The ONNX graph of one export as it is built: a name for every value, the nodes in order, the initializers, and the
/// run-time batch size and shape tensors the mappings ask for (each made once). Mutable, and used only inside one
/// <see cref="Onnx.Encode{T}"/> call. Parameters and constants become initializers when first read, so one that
/// no exported node reads is not written.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    readonly List<OnnxNode> nodes = [];
    readonly List<OnnxTensor> initializers = [];
    readonly System.Collections.Generic.HashSet<string> taken = new(StringComparer.Ordinal);
    readonly Dictionary<Expr, string> values = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<string, string> cached = new(StringComparer.Ordinal);
    readonly Func<Variable, float[]> parameter;
    readonly System.Collections.Generic.HashSet<string> inputs = new(StringComparer.Ordinal);
    readonly Variable batchSource;
    int counter;

    /// <param name="inputs">The graph inputs (their names are kept).</param>
    /// <param name="parameters">The names of the parameters, kept as their initializers' names.</param>
    /// <param name="parameter">A parameter's values in float, asked for when the parameter is first read.</param>
    /// <param name="batchSource">The input whose first axis is the batch size at run time.</param>
    public OnnxGraphBuilder(IEnumerable<Variable> inputs, IEnumerable<string> parameters, Func<Variable, float[]> parameter, Variable batchSource)
    {
        this.parameter = parameter;
        this.batchSource = batchSource;
        foreach (var p in parameters) taken.Add(p);
        foreach (var v in inputs)
        {
            taken.Add(v.Name);
            this.inputs.Add(v.Name);
        }
    }

    public IReadOnlyList<OnnxNode> Nodes => nodes;

    public IReadOnlyList<OnnxTensor> Initializers => initializers;

    /// <summary>The name of an expression's value: a node's (emitted before it is read), an input's, or a parameter or constant's initializer.</summary>
    public string Value(Expr e)
    {
        if (values.TryGetValue(e, out var name)) return name;
        name = e switch
        {
            // A variable is its name: every node of one name is one input or one initializer.
            Variable v when inputs.Contains(v.Name) => v.Name,
            Variable v => Cached("parameter:" + v.Name, () => Initializer(v.Name, v.Shape, parameter(v))),
            Constant { Shape.Rank: 0 } c => Scalar(c.Value.Scalar),
            Constant c => Initializer(Fresh("const"), c.Shape, [.. c.Value.ToArray().Select(d => (float)d)]),
            _ => throw new InvalidOperationException($"ONNX export: node {e.GetType().Name} of shape {e.Shape} was read before it was emitted."),
        };
        values[e] = name;
        return name;
    }

    /// <summary>Records that <paramref name="node"/>'s value is the ONNX value <paramref name="name"/>.</summary>
    public void Bind(Expr node, string name) => values[node] = name;

    /// <summary>A node of <paramref name="opType"/> with one output, named after the op; returns the output's name.</summary>
    public string Op(string opType, params string[] inputs) => Op(opType, inputs, []);

    public string Op(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        var output = Fresh(opType);
        nodes.Add(new OnnxNode(opType, [.. inputs], [output], [.. attributes]));
        return output;
    }

    /// <summary>
    /// Makes <paramref name="value"/> the graph's output, named "output" (or a fresh name when a variable took it): the
    /// node that writes it is renamed when nothing else reads it, else an Identity copies it (an input or initializer).
    /// </summary>
    public string Output(string value)
    {
        var name = taken.Contains("output") ? Fresh("output") : "output";
        taken.Add(name);
        var writer = nodes.FindIndex(n => n.Outputs.Contains(value));
        if (writer >= 0 && !nodes.Any(n => n.Inputs.Contains(value)))
            nodes[writer] = nodes[writer] with { Outputs = nodes[writer].Outputs.Replace(value, name) };
        else
            nodes.Add(new OnnxNode("Identity", [value], [name], []));
        return name;
    }

    /// <summary>A name not yet used in the graph, from <paramref name="stem"/>.</summary>
    public string Fresh(string stem)
    {
        string name;
        do name = $"{stem}_{counter++}"; while (taken.Contains(name));
        taken.Add(name);
        return name;
    }

    /// <summary>A float scalar initializer (one per value).</summary>
    public string Scalar(double value)
    {
        var f = (float)value;
        return Cached($"f:{BitConverter.SingleToInt32Bits(f)}", () => Initializer(Fresh("const"), Shape.Scalar, [f]));
    }

    /// <summary>A one-axis int64 initializer (one per list of values): axes, pads, starts and static shapes.</summary>
    public string Int64s(params long[] items) =>
        Cached("i:" + string.Join(",", items.Select(i => i.ToString(CultureInfo.InvariantCulture))), () =>
        {
            var raw = new byte[items.Length * 8];
            for (var i = 0; i < items.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(8 * i), items[i]);
            var name = Fresh("ints");
            initializers.Add(new OnnxTensor(name, OnnxType.Int64, [items.Length], raw));
            return name;
        });

    /// <summary>
    /// <paramref name="shape"/> as an int64 tensor for Reshape and Expand; an open batch axis takes the run-time batch
    /// size, so the graph works at every batch size.
    /// </summary>
    public string ShapeOf(Shape shape)
    {
        if (!shape.HasBatch) return Int64s([.. shape.Select(d => (long)d)]);
        return Cached("shape:" + shape, () =>
        {
            var pieces = new List<string>();
            var run = new List<long>();
            foreach (var d in shape)
                if (d != Dim.Batch) run.Add(d);
                else
                {
                    if (run.Count > 0) pieces.Add(Int64s([.. run]));
                    run.Clear();
                    pieces.Add(BatchSize());
                }
            if (run.Count > 0) pieces.Add(Int64s([.. run]));
            return pieces.Count == 1 ? pieces[0] : Op("Concat", pieces, new OnnxAttribute.Int("axis", 0));
        });
    }

    /// <summary>The batch size at run time, an int64 tensor of shape [1]: the first axis of the first input.</summary>
    public string BatchSize() => Cached("batch", () =>
        Op("Shape", [batchSource.Name], new OnnxAttribute.Int("start", 0), new OnnxAttribute.Int("end", 1)));

    string Initializer(string name, Shape shape, float[] data)
    {
        var raw = new byte[data.Length * 4];
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(4 * i), data[i]);
        initializers.Add(new OnnxTensor(name, OnnxType.Float, [.. shape.Select(d => (long)d)], raw));
        return name;
    }

    string Cached(string key, Func<string> make)
    {
        if (cached.TryGetValue(key, out var name)) return name;
        return cached[key] = make();
    }
}
