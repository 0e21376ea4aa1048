using System.Buffers.Binary;
using System.IO.Compression;
using LanguageExt;
using LanguageExt.Common;
using PureNet;

namespace PureNet.Tests;

public class IdxTests
{
    static byte[] Header(byte type, params int[] dims)
    {
        var b = new byte[4 + 4 * dims.Length];
        b[2] = type;
        b[3] = (byte)dims.Length;
        for (var i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(b.AsSpan(4 + 4 * i), dims[i]);
        return b;
    }

    static byte[] Images(int n, int rows = 2, int cols = 3) => [.. Header(0x08, n, rows, cols), .. Enumerable.Range(0, n * rows * cols).Select(i => (byte)i)];
    static byte[] Labels(params byte[] labels) => [.. Header(0x08, labels.Length), .. labels];

    static string Message<A>(Fin<A> f) => f.Match(Succ: _ => throw new Xunit.Sdk.XunitException("expected a failure"), Fail: e => e.Message);

    static string Write(TempDir dir, string name, byte[] bytes, bool gzip = false)
    {
        var path = dir.File(name);
        if (!gzip) { File.WriteAllBytes(path, bytes); return path; }
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(bytes);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_raw_and_gzip_images_and_labels(bool gzip)
    {
        using var dir = new TempDir();
        var images = Write(dir, "i", Images(2), gzip);
        var labels = Write(dir, "l", Labels(3, 9), gzip);
        var data = Idx.ReadLabeled(images, labels, classes: 10).Match(Succ: d => d, Fail: e => throw new Xunit.Sdk.XunitException(string.Join("; ", e)));
        Assert.Equal((2, 2, 3), (data.Count, data.Rows, data.Cols));
        Assert.Equal(new byte[] { 6, 7, 8, 9, 10, 11 }, data.Image(1).ToArray());
        Assert.Equal(new byte[] { 3, 9 }, data.Labels.ToArray());
    }

    [Fact]
    public void Encode_then_parse_round_trips()
    {
        var a = new IdxArray(IdxType.UInt8, [2, 2, 3], Enumerable.Range(0, 12).Select(i => (byte)i).ToArray());
        Assert.Equal(a, (IdxArray)Idx.Parse("mem", Idx.Encode(a)));
        using var dir = new TempDir();
        Idx.Write(dir.File("a.gz"), a, gzip: true);
        Assert.Equal(a, (IdxArray)Idx.Read(dir.File("a.gz")));
        Assert.Single(Directory.GetFiles(dir.Path));   // no temporary file left
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 3 }, "magic number: expected 00 00 <type> <rank>, found 01 00 08 03")]
    [InlineData(new byte[] { 0, 0, 8 }, "magic number: expected 4 bytes, found a file of 3 bytes")]
    [InlineData(new byte[] { 0, 0, 7, 1, 0, 0, 0, 0 }, "element type: expected one of 08, 09, 0B, 0C, 0D, 0E, found 07")]
    [InlineData(new byte[] { 0, 0, 8, 0 }, "rank: expected at least 1, found 0")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0, 0, 1 }, "dimensions: expected 2 big-endian int32 values (8 bytes), found 4 bytes")]
    [InlineData(new byte[] { 0, 0, 8, 1, 255, 255, 255, 255 }, "dimension 0: expected a size ≥ 0, found -1")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 3, 1, 2 }, "data size: expected 3 bytes for dimensions 3 of UInt8, found 2 bytes (truncated)")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2 }, "data size: expected 1 bytes for dimensions 1 of UInt8, found 2 bytes (trailing bytes)")]
    public void Malformed_files_are_errors_naming_file_field_expected_and_found(byte[] bytes, string expected)
    {
        using var dir = new TempDir();
        var path = Write(dir, "bad.idx", bytes);
        Assert.Equal($"{path}: {expected}.", Message(Idx.Read(path)));
    }

    [Fact]
    public void A_truncated_gzip_file_is_an_error()
    {
        using var dir = new TempDir();
        var full = Write(dir, "full.gz", Images(50), gzip: true);
        var cut = Write(dir, "cut.gz", File.ReadAllBytes(full)[..^30]);
        var m = Message(Idx.ReadImages(cut));
        Assert.StartsWith($"{cut}: ", m);
        Assert.True(m.Contains("gzip stream") || m.Contains("(truncated)"), m);
    }

    [Fact]
    public void Images_need_unsigned_bytes_of_rank_3_and_the_required_size()
    {
        using var dir = new TempDir();
        var ints = Write(dir, "ints", [.. Header(0x0C, 1, 1, 1), 0, 0, 0, 1]);
        Assert.Equal($"{ints}: element type: expected 08 (UInt8), found 0C (Int32).", Message(Idx.ReadImages(ints)));
        var rank2 = Write(dir, "rank2", [.. Header(0x08, 1, 1), 0]);
        Assert.Equal($"{rank2}: rank: expected 3, found 2.", Message(Idx.ReadImages(rank2)));
        var small = Write(dir, "small", Images(1, 2, 3));
        Assert.Equal($"{small}: dimension 1 (rows): expected 28, found 2.", Message(Idx.ReadImages(small, 28, 28)));
        Assert.Equal($"{small}: dimension 2 (columns): expected 4, found 3.", Message(Idx.ReadImages(small, 2, 4)));
    }

    [Fact]
    public void Labels_out_of_range_name_the_index_and_value()
    {
        using var dir = new TempDir();
        var path = Write(dir, "l", Labels(1, 2, 10));
        Assert.Equal($"{path}: label 2: expected a class in [0, 10), found 10.", Message(Idx.ReadLabels(path, 10)));
    }

    [Fact]
    public void Counts_must_agree_and_both_files_report_their_errors()
    {
        using var dir = new TempDir();
        var images = Write(dir, "i", Images(3));
        var labels = Write(dir, "l", Labels(1, 2));
        var errors = Idx.ReadLabeled(images, labels, 10).Match(Succ: _ => Seq<Error>.Empty, Fail: e => e);
        Assert.Equal($"{labels}: count: expected 3 labels, one per image of {images}, found 2.", Assert.Single(errors).Message);

        var bad = Write(dir, "bad", [9, 9, 9, 9]);
        var both = Idx.ReadLabeled(bad, dir.Path, 10).Match(Succ: _ => Seq<Error>.Empty, Fail: e => e);
        Assert.Equal(2, both.Count);
        Assert.StartsWith($"{bad}: magic number", both[0].Message);
        Assert.Equal($"{dir.Path}: file: expected a readable file, found a directory.", both[1].Message);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        using var dir = new TempDir();
        Assert.Equal($"{dir.File("nope")}: file: expected a readable file, found no such file.", Message(Idx.Read(dir.File("nope"))));
    }

    [Fact]
    public void LabeledImages_select_and_count_classes()
    {
        var d = new LabeledImages(1, 2, 3, new byte[] { 1, 2, 3, 4, 5, 6 }, new byte[] { 2, 0, 2 });
        Assert.Equal(new[] { 1, 0, 2 }, d.ClassCounts());
        var s = d.Select([2, 0]);
        Assert.Equal(new byte[] { 5, 6, 1, 2 }, s.Pixels.ToArray());
        Assert.Equal(new byte[] { 2, 2 }, s.Labels.ToArray());
        Assert.Throws<ArgumentException>(() => new LabeledImages(1, 2, 3, new byte[] { 1, 2 }, new byte[] { 3 }));
    }
}
