namespace PureNet;

/// <summary>
/// ONNX's messages in the protocol-buffers wire format, field numbers as in onnx.proto (ModelProto, GraphProto,
/// NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
/// </summary>
internal static class OnnxEncoding
{
    // AttributeProto.AttributeType
    const int AttributeInt = 2, AttributeInts = 7;

    public static byte[] Model(OnnxModel m)
    {
        var opset = new ProtoWriter().String(1, "").Varint(2, m.Opset);     // the default domain: ai.onnx
        return new ProtoWriter()
            .Varint(1, m.IrVersion)
            .String(2, m.ProducerName)
            .String(3, m.ProducerVersion)
            .Message(7, Graph(m.Graph))
            .Message(8, opset)
            .Written.ToArray();
    }

    static ProtoWriter Graph(OnnxGraph g)
    {
        var w = new ProtoWriter();
        foreach (var n in g.Nodes) w.Message(1, Node(n));
        w.String(2, g.Name);
        foreach (var t in g.Initializers) w.Message(5, Tensor(t));
        foreach (var i in g.Inputs) w.Message(11, ValueInfo(i));
        foreach (var o in g.Outputs) w.Message(12, ValueInfo(o));
        return w;
    }

    static ProtoWriter Node(OnnxNode n)
    {
        var w = new ProtoWriter();
        foreach (var i in n.Inputs) w.String(1, i);
        foreach (var o in n.Outputs) w.String(2, o);
        w.String(3, n.Name).String(4, n.OpType);
        foreach (var a in n.Attributes) w.Message(5, Attribute(a));
        return w;
    }

    static ProtoWriter Attribute(OnnxAttribute a)
    {
        var w = new ProtoWriter().String(1, a.Name);
        return a switch
        {
            OnnxAttribute.Int i => w.Varint(20, AttributeInt).Varint(3, i.Value),
            OnnxAttribute.Ints i => w.Varint(20, AttributeInts).PackedVarints(8, i.Values),
            _ => throw new InvalidOperationException($"ONNX export: attribute '{a.Name}' is of a kind the encoder does not write ({a.GetType().Name})."),
        };
    }

    static ProtoWriter Tensor(OnnxTensor t) => new ProtoWriter()
        .PackedVarints(1, t.Dims)
        .Varint(2, t.DataType)
        .String(8, t.Name)
        .Bytes(9, t.RawData);

    static ProtoWriter ValueInfo(OnnxValueInfo v)
    {
        var shape = new ProtoWriter();
        foreach (var d in v.Shape)
            shape.Message(1, d == Dim.Batch ? new ProtoWriter().String(2, OnnxType.BatchDim) : new ProtoWriter().Varint(1, d));
        var tensorType = new ProtoWriter().Varint(1, v.ElementType).Message(2, shape);
        return new ProtoWriter().String(1, v.Name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
