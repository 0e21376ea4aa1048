using LanguageExt;
using Microsoft.ML.OnnxRuntime;
using PureNet;

namespace PureNet.Tests;

/// <summary>
/// Runs an exported model in ONNX Runtime and compares it with PureNet's own evaluation in float: the same generated
/// inputs at each batch size, every element within 1e-5 (relative, absolute near 0), and the batch axis symbolic.
/// </summary>
internal static class OnnxRuntimeCheck
{
    public const double Tolerance = 1e-5;

    /// <summary>Inputs drawn from N(0, 1) unless a test gives its own draw (e.g. positive values for a log).</summary>
    public static Tensor<float> Normal(Shape shape, int seed) => Tensor.Normal<float>(shape, seed);

    /// <summary>
    /// Exports <paramref name="output"/> with <paramref name="parameters"/> (drawn in double, exported and evaluated in
    /// float) and checks ONNX Runtime against PureNet at each batch size; returns the model's bytes.
    /// </summary>
    /// <param name="relative">Compare relatively even near 0 (for outputs that are tiny by design, such as log1p of tiny values).</param>
    public static byte[] Matches(Expr output, HashMap<string, Tensor<double>> parameters, int[]? batches = null, Func<Shape, int, Tensor<float>>? draw = null, bool relative = false)
    {
        var floats = parameters.Map(Tensor.Cast<double, float>);
        var model = Onnx.Encode(output, floats);
        var inputs = Graph.Variables(output).Where(v => !parameters.ContainsKey(v.Name)).DistinctBy(v => v.Name).ToArray();
        using var session = new InferenceSession(model);
        foreach (var v in inputs)
        {
            var meta = session.InputMetadata[v.Name];
            Assert.Equal(-1, meta.Dimensions[0]);
            Assert.Equal("batch", meta.SymbolicDimensions[0]);
        }
        foreach (var (batch, b) in (batches ?? [2, 5]).Select((b, i) => (b, i)))
        {
            var values = inputs.Select((v, k) => (v.Name, Value: (draw ?? Normal)(v.Shape.WithBatch(batch), 1000 * b + k + 1))).ToArray();
            var expected = output.Evaluate(values.Aggregate(floats, (m, x) => m.AddOrUpdate(x.Name, x.Value)));
            var actual = Run(session, values);
            Assert.Equal(expected.Shape, actual.Shape);
            var (e, a) = (expected.ToArray(), actual.ToArray());
            for (var i = 0; i < e.Length; i++)
                Assert.True(Close(e[i], a[i], relative), $"batch {batch}, element {i} of {expected.Shape}: PureNet {e[i]:R}, ONNX Runtime {a[i]:R}");
        }
        return model;
    }

    /// <summary>Equal within the tolerance, NaN matching NaN and an infinity the same infinity.</summary>
    static bool Close(float expected, float actual, bool relative) =>
        float.IsNaN(expected) ? float.IsNaN(actual)
        : float.IsInfinity(expected) ? expected == actual
        : Math.Abs((double)expected - actual) <= Tolerance * ((relative ? 0 : 1) + Math.Abs((double)expected));

    /// <summary>The model's first output for these inputs (by name).</summary>
    public static Tensor<float> Run(InferenceSession session, IEnumerable<(string Name, Tensor<float> Value)> inputs)
    {
        var values = inputs.ToDictionary(x => x.Name, x => OrtValue.CreateTensorValueFromMemory(x.Value.ToArray(), [.. x.Value.Shape.Select(d => (long)d)]));
        try
        {
            using var options = new RunOptions();
            using var results = session.Run(options, values, [session.OutputNames[0]]);
            var shape = results[0].GetTensorTypeAndShape().Shape;
            return Tensor.FromArray<float>(new Shape(shape.Select(d => (int)d)), results[0].GetTensorDataAsSpan<float>());
        }
        finally
        {
            foreach (var v in values.Values) v.Dispose();
        }
    }

    /// <summary>The output of a model file (or bytes) for one input.</summary>
    public static Tensor<float> Run(byte[] model, string input, Tensor<float> value)
    {
        using var session = new InferenceSession(model);
        return Run(session, [(input, value)]);
    }
}
