using System.Buffers;
using System.Text;

namespace PureNet;

/// <summary>
/// The protocol-buffers wire format, as much of it as an ONNX file needs: varints, length-delimited
/// strings, bytes and sub-messages, and packed repeated numbers. A sub-message is written into its own writer first,
/// so its length is known when it is copied into the parent. Mutable, and used only inside one encoding.
/// </summary>
internal sealed class ProtoWriter
{
    const int VarintType = 0, LengthType = 2;

    readonly ArrayBufferWriter<byte> bytes = new();

    public ReadOnlySpan<byte> Written => bytes.WrittenSpan;

    /// <summary>An integer field (int32, int64 or enum); a negative value takes ten bytes, as the format's int64 does.</summary>
    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, VarintType);
        RawVarint((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthType);
        RawVarint((ulong)value.Length);
        bytes.Write(value);
        return this;
    }

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    /// <summary>A repeated integer field, packed (one length-delimited run of varints), as proto3 writes it.</summary>
    public ProtoWriter PackedVarints(int field, IEnumerable<long> values)
    {
        var run = new ProtoWriter();
        foreach (var v in values) run.RawVarint((ulong)v);
        return Bytes(field, run.Written);
    }

    void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    void RawVarint(ulong value)
    {
        var span = bytes.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        bytes.Advance(n);
    }
}
