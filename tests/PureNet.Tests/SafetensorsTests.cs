using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using LanguageExt;
using PureNet;
using static LanguageExt.Prelude;

namespace PureNet.Tests;

public class SafetensorsTests
{
    static readonly Tensor<float> W = Tensor.FromArray<float>(new Shape(2, 3), [1, -2, 3.5f, float.MaxValue, float.Epsilon, -0f]);
    static readonly Tensor<double> B = Tensor.FromArray<double>(new Shape(3), [Math.PI, -1e-300, double.MaxValue]);

    static byte[] Sample() => Safetensors.Encode(
        [SafetensorsTensor.From("l1.W", W), SafetensorsTensor.From("l1.b", B), SafetensorsTensor.From("empty", Tensor.Zeros<float>(new Shape(0, 4)))],
        Map(("model", "mlp"), ("note", "ünïcode")));

    static string Message<A>(Fin<A> f) => f.Match(Succ: _ => throw new Xunit.Sdk.XunitException("expected a failure"), Fail: e => e.Message);

    /// <summary>A file with the given JSON header (padded to 8) and data bytes.</summary>
    static byte[] File(string header, int dataBytes) => File(Encoding.UTF8.GetBytes(header), dataBytes);

    static byte[] File(byte[] header, int dataBytes)
    {
        var b = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)header.Length);
        header.CopyTo(b, 8);
        return b;
    }

    [Fact]
    public void Every_dtype_the_writer_uses_round_trips_exactly_with_metadata()
    {
        var file = (SafetensorsFile)Safetensors.Parse("mem", Sample());
        Assert.Equal(W, (Tensor<float>)file.Require<float>("mem", "l1.W", new Shape(2, 3)));
        Assert.Equal(B, (Tensor<double>)file.Require<double>("mem", "l1.b", new Shape(3)));
        Assert.Equal(SafetensorsDtype.F32, file.Find("l1.W").Map(t => t.Dtype));
        Assert.Equal(SafetensorsDtype.F64, file.Find("l1.b").Map(t => t.Dtype));
        Assert.Equal(0, ((Tensor<float>)file.Require<float>("mem", "empty", new Shape(0, 4))).Size);
        Assert.Equal("ünïcode", file.Metadata["note"]);
        Assert.Equal("mlp", file.Metadata["model"]);
    }

    [Fact]
    public void The_layout_follows_the_specification()
    {
        var bytes = Sample();
        var n = (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, (8 + n) % 8);                                       // header padded with spaces to alignment
        using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)n));
        var root = doc.RootElement;
        Assert.Equal("F32", root.GetProperty("l1.W").GetProperty("dtype").GetString());
        Assert.Equal(new long[] { 2, 3 }, root.GetProperty("l1.W").GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        var ranges = new[] { "empty", "l1.W", "l1.b" }.Select(k => root.GetProperty(k).GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();
        Assert.Equal(new long[] { 0, 0 }, ranges[0]);
        Assert.Equal(new long[] { 0, 24 }, ranges[1]);
        Assert.Equal(new long[] { 24, 48 }, ranges[2]);
        Assert.Equal(8 + n + 48, bytes.Length);                            // contiguous, nothing after
        Assert.Equal(JsonValueKind.String, root.GetProperty("__metadata__").GetProperty("model").ValueKind);
        Assert.Equal(1f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan((int)(8 + n))));   // little-endian data
    }

    [Fact]
    public void Writing_is_atomic_and_deterministic()
    {
        using var dir = new TempDir();
        Safetensors.Write(dir.File("m.safetensors"), [SafetensorsTensor.From("b", B)], Map(("k", "v")));
        var first = System.IO.File.ReadAllBytes(dir.File("m.safetensors"));
        Safetensors.Write(dir.File("m.safetensors"), [SafetensorsTensor.From("b", B)], Map(("k", "v")));
        Assert.Equal(first, System.IO.File.ReadAllBytes(dir.File("m.safetensors")));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(dir.File("half"), s => { s.Write(new byte[100]); throw new InvalidOperationException("disk full"); }));
        Assert.Equal(new[] { "m.safetensors" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Reads_half_precision_dtypes()
    {
        var half = new byte[4];
        BinaryPrimitives.WriteHalfLittleEndian(half, (Half)1.5);
        BinaryPrimitives.WriteUInt16LittleEndian(half.AsSpan(2), (ushort)(BitConverter.SingleToInt32Bits(-2f) >> 16));
        var bytes = Safetensors.Encode([new SafetensorsTensor("h", SafetensorsDtype.F16, [1], half[..2]), new SafetensorsTensor("bf", SafetensorsDtype.BF16, [1], half[2..])], Map<string, string>());
        var f = (SafetensorsFile)Safetensors.Parse("m", bytes);
        Assert.Equal(1.5, ((Tensor<double>)f.Require<double>("m", "h", new Shape(1))).Scalar);
        Assert.Equal(-2.0, ((Tensor<double>)f.Require<double>("m", "bf", new Shape(1))).Scalar);
        var ints = Safetensors.Encode([new SafetensorsTensor("i", SafetensorsDtype.I32, [1], new byte[4])], Map<string, string>());
        Assert.Equal("m: tensor 'i' dtype: expected a floating-point dtype (F64, F32, F16, BF16), found I32.",
            Message(((SafetensorsFile)Safetensors.Parse("m", ints)).Require<float>("m", "i", new Shape(1))));
    }

    [Fact]
    public void A_needed_tensor_missing_or_of_the_wrong_shape_is_named()
    {
        var f = (SafetensorsFile)Safetensors.Parse("m.st", Sample());
        Assert.Equal("m.st: tensor 'l2.W': expected a tensor of shape [3, 4] (the model needs it), found none (missing).", Message(f.Require<float>("m.st", "l2.W", new Shape(3, 4))));
        Assert.Equal("m.st: tensor 'l1.W' shape: expected [3, 2], found [2, 3].", Message(f.Require<float>("m.st", "l1.W", new Shape(3, 2))));
    }

    public static TheoryData<byte[], string> Malformed()
    {
        var ok = Sample();
        var n = BinaryPrimitives.ReadUInt64LittleEndian(ok);
        var past = (byte[])ok.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(past, (ulong)ok.Length);
        var absurd = (byte[])ok.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(absurd, ulong.MaxValue);
        const string t = "\"dtype\":\"F32\",\"shape\":[2]";
        return new()
        {
            { ok[..5], "header length: expected 8 bytes, found a file of 5 bytes" },
            { past, $"header length: expected at most the {ok.Length - 8} bytes after it, found {ok.Length} (past the end of the file)" },
            { absurd, $"header length: expected at most 100000000 bytes, found {ulong.MaxValue} (absurd)" },
            { ok[..(int)(8 + n + 10)], "tensor 'l1.W' data_offsets: expected a range within the 10 data bytes, found [0, 24] (out of the file)" },
            { File([0x7B, 0xFF, 0xFE, 0x7D], 0), "header: expected UTF-8 text, found invalid UTF-8 at byte 9" },
            { File("{\"a\":", 0), "header: expected a JSON object" },
            { File("[1, 2]", 0), "header: expected a JSON object, found Array" },
            { File("{\"a\":{\"dtype\":\"F31\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor 'a' dtype: expected one of BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, F16, BF16, I32, U32, F32, F64, I64, U64, found 'F31'" },
            { File("{\"a\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4), "tensor 'a' dtype: expected one of" },
            { File("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}", 4), "tensor 'a' shape: expected a size that fits in 64 bits, found [4294967296, 4294967296] (overflows)" },
            { File("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "tensor 'a' shape: expected an array of integers ≥ 0, found [-1]" },
            { File("{\"a\":{" + t + ",\"data_offsets\":[0,4]}}", 4), "tensor 'a' data_offsets: expected 8 bytes for shape [2] of F32, found 4 bytes in [0, 4]" },
            { File("{\"a\":{" + t + ",\"data_offsets\":[8,0]}}", 8), "tensor 'a' data_offsets: expected begin ≤ end, found [8, 0] (reversed)" },
            { File("{\"a\":{" + t + "}}", 8), "tensor 'a' data_offsets: expected [begin, end], two integers ≥ 0, found nothing (missing)" },
            { File("{\"a\":{" + t + ",\"data_offsets\":[0,8]},\"b\":{" + t + ",\"data_offsets\":[4,12]}}", 12), "tensor 'b' data_offsets: expected to start at 8, after 'a', found 4 (overlaps 'a')" },
            { File("{\"a\":{" + t + ",\"data_offsets\":[0,8]},\"b\":{" + t + ",\"data_offsets\":[12,20]}}", 20), "tensor 'b' data_offsets: expected to start at 8, right after 'a', found 12 (a hole of 4 bytes)" },
            { File("{\"a\":{" + t + ",\"data_offsets\":[4,12]}}", 12), "tensor 'a' data_offsets: expected to start at 0, right after '(start of data)', found 4 (a hole of 4 bytes)" },
            { File("{\"a\":{" + t + ",\"data_offsets\":[0,8]}}", 9), "data: expected 8 bytes, up to the end of the last tensor, found 9 bytes (1 bytes after the last tensor)" },
            { File("{\"a\":{" + t + ",\"data_offsets\":[0,8]},\"a\":{" + t + ",\"data_offsets\":[0,8]}}", 8), "header key 'a': expected unique keys, found a duplicate" },
            { File("{\"__metadata__\":{\"k\":1}}", 0), "__metadata__.k: expected a string value, found Number" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_files_are_errors_naming_the_file_the_tensor_and_the_rule(byte[] bytes, string expected)
    {
        var m = Message(Safetensors.Parse("x.safetensors", bytes));
        Assert.StartsWith($"x.safetensors: {expected}", m);
    }

    [Fact]
    public void A_directory_or_missing_file_is_an_error()
    {
        using var dir = new TempDir();
        Assert.Equal($"{dir.Path}: file: expected a readable file, found a directory.", Message(Safetensors.Read(dir.Path)));
        Assert.EndsWith("found no such file.", Message(Safetensors.Read(dir.File("no"))));
    }

    [Fact]
    public void The_writer_rejects_inconsistent_tensors()
    {
        Assert.Throws<ArgumentException>(() => Safetensors.Encode([new SafetensorsTensor("a", SafetensorsDtype.F32, [3], new byte[4])], Map<string, string>()));
        Assert.Throws<ArgumentException>(() => Safetensors.Encode([SafetensorsTensor.From("a", B), SafetensorsTensor.From("a", W)], Map<string, string>()));
    }
}
