using System.Collections.Immutable;
using LanguageExt;
using PureNet;
using static PureNet.Tests.BadInput;

namespace PureNet.Tests;

/// <summary>
/// Adversarial calls on IO at the programmer's boundary (the malformed-file cases are in IdxTests and SafetensorsTests):
/// nulls, indices out of range, tensors that do not describe their bytes.
/// </summary>
public class BadInputIO
{
    static readonly LabeledImages Two = new(2, 2, 3, new byte[8], new byte[] { 0, 2 });
    static readonly Map<string, string> NoMetadata = Map<string, string>.Empty;
    static readonly SafetensorsTensor Short = new("w", SafetensorsDtype.F32, [2, 2], new byte[4]);

    public static readonly BadCase[] Cases =
    [
        new("LabeledImages.Image out of range", () => Two.Image(2).ToArray(), typeof(ArgumentOutOfRangeException), "LabeledImages.Image", "index 2", "[0, 2)"),
        new("LabeledImages.Image negative", () => Two.Image(-1).ToArray(), typeof(ArgumentOutOfRangeException), "LabeledImages.Image", "index -1"),
        Arg("LabeledImages.Take negative", () => Two.Take(-1), "LabeledImages.Take", "n -1", "≥ 0"),
        new("LabeledImages.Select out of range", () => Two.Select([5]), typeof(ArgumentOutOfRangeException), "LabeledImages.Select", "index 5", "[0, 2)"),
        Null("LabeledImages.Select of null", () => Two.Select(null!), "LabeledImages.Select", "indices"),
        Arg("LabeledImages with a label past the classes", () => new LabeledImages(1, 1, 2, new byte[1], new byte[] { 2 }), "LabeledImages", "label 2", "[0, 2)"),
        Arg("LabeledImages of too few pixels", () => new LabeledImages(2, 2, 2, new byte[3], new byte[] { 0 }), "LabeledImages", "3 pixel bytes", "2×2"),
        Null("Safetensors.Encode of null", () => Safetensors.Encode(null!, NoMetadata), "Safetensors.Encode", "tensors"),
        Null("Safetensors.Encode with a null tensor", () => Safetensors.Encode([Short with { Bytes = new byte[16] }, null!], NoMetadata), "Safetensors.Encode", "tensors"),
        Arg("Safetensors.Encode of bytes not filling the shape", () => Safetensors.Encode([Short], NoMetadata), "Safetensors.Encode", "'w'", "4 bytes", "16"),
        Arg("Safetensors.Encode of an overflowing shape", () => Safetensors.Encode([new SafetensorsTensor("w", SafetensorsDtype.F64, [long.MaxValue, 4], new byte[8])], NoMetadata), "Safetensors.Encode", "'w'", "overflows"),
        Arg("Safetensors.Encode of a negative axis", () => Safetensors.Encode([new SafetensorsTensor("w", SafetensorsDtype.F32, [-1], new byte[4])], NoMetadata), "Safetensors.Encode", "'w'", "-1"),
        Null("Safetensors.Encode with a null name", () => Safetensors.Encode([Short with { Name = null!, Bytes = new byte[16] }], NoMetadata), "Safetensors.Encode", "name"),
        Arg("SafetensorsTensor.ToTensor of bytes not filling the shape", () => Short.ToTensor<float>("mem").IfFail(e => throw new ArgumentException(e.Message)), "mem", "'w'", "16 bytes", "found 4 bytes"),
        Null("SafetensorsTensor.From of null", () => SafetensorsTensor.From("w", (Tensor<float>)null!), "SafetensorsTensor.From", "t"),
        Null("SafetensorsFile.Require of a null shape", () => new SafetensorsFile([], NoMetadata).Require<float>("mem", "w", null!), "Require", "shape"),
        Null("Idx.Encode of null", () => Idx.Encode(null!), "Idx.Encode", "a"),
        Arg("Idx.Encode of a default dims array", () => Idx.Encode(new IdxArray(IdxType.UInt8, default, new byte[1])), "Idx.Encode", "rank"),
        Arg("Idx.Encode of a negative dimension", () => Idx.Encode(new IdxArray(IdxType.UInt8, [-1], new byte[0])), "Idx.Encode", "-1"),
        new("Idx.ElementSize of an unknown type", () => Idx.ElementSize((IdxType)7), typeof(ArgumentOutOfRangeException), "Idx", "07"),
        Arg("Idx.Write to an empty path", () => Idx.Write(" ", new IdxArray(IdxType.UInt8, [1], new byte[1]), false), "AtomicFile.Write", "path"),
        Null("AtomicFile.Write without a writer", () => AtomicFile.Write("x", null!), "AtomicFile.Write", "write"),
        Arg("Idx.ReadLabels with no classes", () => Idx.ReadLabels("x", 0), "Idx.ReadLabels", "classes 0", "1..256"),
    ];

    public static TheoryData<string> Names() => BadInput.Names(Cases);

    [Theory]
    [MemberData(nameof(Names))]
    public void Refused_with_a_message_naming_the_call(string name) => Run(Cases, name);

    [Fact]
    public void Readers_turn_absent_paths_into_errors_not_exceptions()
    {
        Assert.True(Idx.Read(null!).IsFail);
        Assert.True(Safetensors.Read(null!).IsFail);
        Assert.True(FileBytes.Read("").IsFail);
        Assert.True(Idx.Parse(null!, ReadOnlyMemory<byte>.Empty).IsFail);
        Assert.True(Safetensors.Parse("mem", ReadOnlyMemory<byte>.Empty).IsFail);
    }
}
