using System.Collections.Immutable;

namespace PureNet;

/// <summary>The subset of ONNX's messages an export writes (onnx.proto: ModelProto and what it holds), as values.</summary>
internal sealed record OnnxModel(long IrVersion, long Opset, string ProducerName, string ProducerVersion, OnnxGraph Graph);

internal sealed record OnnxGraph(string Name, ImmutableArray<OnnxNode> Nodes, ImmutableArray<OnnxTensor> Initializers,
    ImmutableArray<OnnxValueInfo> Inputs, ImmutableArray<OnnxValueInfo> Outputs);

internal sealed record OnnxNode(string OpType, ImmutableArray<string> Inputs, ImmutableArray<string> Outputs, ImmutableArray<OnnxAttribute> Attributes)
{
    public string Name => Outputs[0];
}

/// <summary>A named attribute of a node; exactly one of ONNX's value kinds.</summary>
internal abstract record OnnxAttribute(string Name)
{
    public sealed record Int(string Name, long Value) : OnnxAttribute(Name);
    public sealed record Ints(string Name, ImmutableArray<long> Values) : OnnxAttribute(Name);
}

/// <summary>
/// A tensor of an initializer: its element type (<see cref="OnnxType"/>), dimensions and little-endian bytes. Only
/// written, never compared, so the bytes' array identity is of no concern.
/// </summary>
internal sealed record OnnxTensor(string Name, int DataType, ImmutableArray<long> Dims, byte[] RawData);

/// <summary>A graph input or output: a float tensor whose open batch axes are the symbolic dimension <see cref="OnnxType.BatchDim"/>.</summary>
internal sealed record OnnxValueInfo(string Name, int ElementType, Shape Shape);

/// <summary>The numbers ONNX gives its element types, and the name of the symbolic batch dimension.</summary>
internal static class OnnxType
{
    public const int Float = 1, Int64 = 7;

    /// <summary>The dim_param of every open batch axis in the exported graph's inputs and outputs.</summary>
    public const string BatchDim = "batch";
}
