using PureNet;

namespace PureNet.Tests;

/// <summary>The protobuf writer against the wire format's own examples (protobuf.dev, "Encoding").</summary>
public class OnnxProtoWriterTests
{
    [Fact]
    public void VarintsAreSevenBitGroupsLowFirst() =>
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01 }, new ProtoWriter().Varint(1, 150).Written.ToArray());

    [Fact]
    public void ANegativeInt64TakesTenBytes() =>
        Assert.Equal(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, new ProtoWriter().Varint(2, -1).Written.ToArray());

    [Fact]
    public void StringsAndMessagesAreLengthDelimited()
    {
        Assert.Equal(new byte[] { 0x12, 0x07, (byte)'t', (byte)'e', (byte)'s', (byte)'t', (byte)'i', (byte)'n', (byte)'g' }, new ProtoWriter().String(2, "testing").Written.ToArray());
        Assert.Equal(new byte[] { 0x1A, 0x03, 0x08, 0x96, 0x01 }, new ProtoWriter().Message(3, new ProtoWriter().Varint(1, 150)).Written.ToArray());
    }

    [Fact]
    public void RepeatedNumbersArePacked() =>
        Assert.Equal(new byte[] { 0x22, 0x06, 0x03, 0x8E, 0x02, 0x9E, 0xA7, 0x05 }, new ProtoWriter().PackedVarints(4, [3, 270, 86942]).Written.ToArray());
}
