using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>
/// Export of an inference expression to an ONNX model, to be run where PureNet is not (ONNX Runtime on CPU, CUDA or
/// TensorRT, or any ONNX server). The graph is written at opset <see cref="Opset"/> in float: the variables bound in
/// the parameters become initializers, every other variable a graph input whose first axis, <see cref="Dim.Batch"/>,
/// is the symbolic dimension "batch", and the expression's value the output "output". Each op maps to ONNX nodes that
/// compute what PureNet's kernel does (the README's section "Export to ONNX" lists them); an op with no mapping is refused.
/// </summary>
/// <example>
/// <code>
/// var x = Variable("x", Dim.Batch, 784);
/// var net = new Dense("l1", 784, 10);
/// var (parameters, _) = net.Init(Rng.FromSeed(1));
/// Onnx.Export(Activations.Softmax(net.Apply(x)), parameters, "model.onnx");
/// </code>
/// </example>
public static class Onnx
{
    /// <summary>The ONNX operator set the exported graphs import (the default domain, ai.onnx).</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version of the exported files: 8, the one that goes with opset 17.</summary>
    public const int IrVersion = 8;

    /// <summary>The largest file one protocol-buffers message can be; larger models would need ONNX's external data, which the export does not write.</summary>
    const long MaxBytes = int.MaxValue;

    /// <summary>The ONNX model of <paramref name="output"/>, as the bytes of a .onnx file.</summary>
    /// <typeparam name="T">The parameters' element type; the model holds them in float.</typeparam>
    /// <param name="output">An inference expression (e.g. a network's logits in evaluation mode) built from exportable ops.</param>
    /// <param name="parameters">
    /// The values of the variables that become initializers (weights, biases, running statistics), by variable name:
    /// exactly the ones the expression reads, each of its variable's shape.
    /// </param>
    /// <returns>The serialized ModelProto.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> or a parameter's value is null.</exception>
    /// <exception cref="NotSupportedException">The expression holds an op with no ONNX mapping (the message names it).</exception>
    /// <exception cref="ShapeException">A parameter's value has another shape than its variable.</exception>
    /// <exception cref="ArgumentException">
    /// A variable is neither in <paramref name="parameters"/> nor an input (Dim.Batch first, and only there); a parameter
    /// is not read by the expression; no variable is left as an input; or the parameters pass ONNX's 2 GB limit.
    /// </exception>
    public static byte[] Encode<T>(Expr output, HashMap<string, Tensor<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T> =>
        OnnxEncoding.Model(Model(output, parameters));

    /// <summary>The model <see cref="Encode{T}"/> writes, as values (the tests read its nodes).</summary>
    internal static OnnxModel Model<T>(Expr output, HashMap<string, Tensor<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(output, OnnxLowering.Function);
        foreach (var (name, value) in parameters)
            if (value is null) throw new ArgumentNullException(nameof(parameters), $"{OnnxLowering.Function}: parameter '{name}' is null; bind a tensor.");
        var lowering = OnnxLowering.Plan(output);                 // ops first: a training-mode graph is refused for its op, not its key
        var signature = OnnxSignature.Of(output, parameters);
        var bytes = signature.Parameters.Sum(p => 4L * p.Shape.Size);
        if (bytes > MaxBytes)
            throw new ArgumentException($"{OnnxLowering.Function}: the parameters take {bytes:N0} bytes in float, more than the 2 GB one ONNX file holds without external data (which the export does not write).", nameof(parameters));
        var graph = OnnxLowering.Graph(lowering, signature, v => Floats(parameters[v.Name]));   // the signature holds only bound names
        var version = typeof(Onnx).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return new OnnxModel(IrVersion, Opset, "PureNet", version, graph);
    }

    /// <summary>
    /// Writes the ONNX model of <paramref name="output"/> to <paramref name="path"/> (see <see cref="Encode{T}"/>),
    /// atomically: the file appears complete or not at all, never half-written.
    /// </summary>
    /// <typeparam name="T">The parameters' element type; the model holds them in float.</typeparam>
    /// <param name="output">An inference expression built from exportable ops.</param>
    /// <param name="parameters">The values of the variables that become initializers, by name: exactly the ones the expression reads.</param>
    /// <param name="path">The .onnx file to write (replaced if it exists; its directory is created).</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/>, <paramref name="path"/> or a parameter's value is null.</exception>
    /// <exception cref="NotSupportedException">The expression holds an op with no ONNX mapping.</exception>
    /// <exception cref="ArgumentException">The expression and parameters break a rule of <see cref="Encode{T}"/>, or <paramref name="path"/> is empty or not a file path.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names the path).</exception>
    /// <exception cref="UnauthorizedAccessException">The file or its directory may not be written.</exception>
    public static void Export<T>(Expr output, HashMap<string, Tensor<T>> parameters, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotNull(output, OnnxLowering.Function);
        Guard.NotNull(path, OnnxLowering.Function);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{OnnxLowering.Function}: path '{path}' is empty; give the .onnx file to write.", nameof(path));
        AtomicFile.WriteAllBytes(path, Encode(output, parameters));
    }

    static float[] Floats<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var span = t.Span;
        var f = new float[span.Length];
        for (var i = 0; i < f.Length; i++) f[i] = (float)double.CreateTruncating(span[i]);
        return f;
    }
}
