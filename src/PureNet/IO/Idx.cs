using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Compression;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet;

/// <summary>The element types of the IDX format (the third byte of the magic number).</summary>
public enum IdxType : byte
{
    /// <summary>Unsigned byte (0x08): MNIST's pixels and labels.</summary>
    UInt8 = 0x08,
    /// <summary>Signed byte (0x09).</summary>
    Int8 = 0x09,
    /// <summary>Big-endian 16-bit integer (0x0B).</summary>
    Int16 = 0x0B,
    /// <summary>Big-endian 32-bit integer (0x0C).</summary>
    Int32 = 0x0C,
    /// <summary>Big-endian IEEE 754 single (0x0D).</summary>
    Float32 = 0x0D,
    /// <summary>Big-endian IEEE 754 double (0x0E).</summary>
    Float64 = 0x0E,
}

/// <summary>One IDX array: element type, dimensions and the raw (big-endian) element bytes.</summary>
/// <param name="Type">The element type.</param>
/// <param name="Dims">The dimensions, outermost first (MNIST images: count, rows, columns).</param>
/// <param name="Data">The elements' bytes as stored, big-endian, row-major.</param>
public sealed record IdxArray(IdxType Type, ImmutableArray<int> Dims, ReadOnlyMemory<byte> Data)
{
    /// <summary>Value equality: the same type, dimensions and bytes.</summary>
    /// <param name="other">The array to compare with.</param>
    /// <returns>True when both hold the same array.</returns>
    public bool Equals(IdxArray? other) =>
        other is not null && Type == other.Type && Dims.SequenceEqual(other.Dims) && Data.Span.SequenceEqual(other.Data.Span);
    /// <summary>A hash consistent with <see cref="Equals(IdxArray?)"/> (of the type, rank and byte count, not the bytes).</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Type, Dims.Length, Data.Length);
}

/// <summary>
/// The IDX file format (LeCun's MNIST files): magic 00 00 type rank, then rank big-endian int32 dimensions, then the
/// elements. Raw or gzip. Reading validates everything and returns a value or an error naming the file and field.
/// </summary>
public static class Idx
{
    /// <summary>The bytes one element of the type takes.</summary>
    /// <param name="t">The element type.</param>
    /// <returns>1, 2, 4 or 8.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is not an <see cref="IdxType"/>.</exception>
    public static int ElementSize(IdxType t) => t switch
    {
        IdxType.UInt8 or IdxType.Int8 => 1,
        IdxType.Int16 => 2,
        IdxType.Int32 or IdxType.Float32 => 4,
        IdxType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t), $"Idx: unknown element type 0x{(byte)t:X2}."),
    };

    /// <summary>Reads and validates any IDX file: magic number, element type, rank, dimensions, size against the header.</summary>
    /// <param name="path">The file, raw or gzip.</param>
    /// <returns>The array, or an error <c>file: field: expected …, found …</c>.</returns>
    public static Fin<IdxArray> Read(string path) => FileBytes.Read(path).Bind(bytes => Parse(path, bytes));

    /// <summary>Parses and validates the bytes of an IDX file (already gunzipped).</summary>
    /// <param name="file">The name errors give the input.</param>
    /// <param name="bytes">The file's content.</param>
    /// <returns>The array (its data a slice of <paramref name="bytes"/>), or an error naming the file and field.</returns>
    public static Fin<IdxArray> Parse(string file, ReadOnlyMemory<byte> bytes)
    {
        var b = bytes.Span;
        if (b.Length < 4) return Problem.At(file, "magic number", "4 bytes", $"a file of {b.Length} bytes");
        if (b[0] != 0 || b[1] != 0) return Problem.At(file, "magic number", "00 00 <type> <rank>", $"{b[0]:X2} {b[1]:X2} {b[2]:X2} {b[3]:X2}");
        if (!Enum.IsDefined((IdxType)b[2])) return Problem.At(file, "element type", "one of 08, 09, 0B, 0C, 0D, 0E", $"{b[2]:X2}");
        var type = (IdxType)b[2];
        int rank = b[3];
        if (rank == 0) return Problem.At(file, "rank", "at least 1", "0");
        if (b.Length < 4 + 4 * rank) return Problem.At(file, "dimensions", $"{rank} big-endian int32 values ({4 * rank} bytes)", $"{b.Length - 4} bytes");
        var dims = ImmutableArray.CreateBuilder<int>(rank);
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            var d = BinaryPrimitives.ReadInt32BigEndian(b[(4 + 4 * i)..]);
            if (d < 0) return Problem.At(file, $"dimension {i}", "a size ≥ 0", d.ToString());
            count *= d;
            if (count > int.MaxValue) return Problem.At(file, "dimensions", $"at most {int.MaxValue} elements", "more");
            dims.Add(d);
        }
        var header = 4 + 4 * rank;
        var expected = count * ElementSize(type);
        var found = b.Length - header;
        if (found != expected)
            return Problem.At(file, "data size", $"{expected} bytes for dimensions {string.Join("×", dims)} of {type}",
                $"{found} bytes{(found < expected ? " (truncated)" : " (trailing bytes)")}");
        return new IdxArray(type, dims.ToImmutable(), bytes[header..]);
    }

    /// <summary>Images: unsigned bytes of rank 3 (count, rows, cols), optionally of a required size.</summary>
    /// <param name="path">The image file, raw or gzip.</param>
    /// <param name="rows">The required image height, or null for any ≥ 1.</param>
    /// <param name="cols">The required image width, or null for any ≥ 1.</param>
    /// <returns>The images, or an error naming the file and field.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="cols"/> is given and &lt; 1.</exception>
    public static Fin<IdxArray> ReadImages(string path, int? rows = null, int? cols = null) =>
        rows < 1 || cols < 1 ? throw new ArgumentOutOfRangeException(rows < 1 ? nameof(rows) : nameof(cols), $"Idx.ReadImages: a required image size of {rows?.ToString() ?? "any"}×{cols?.ToString() ?? "any"} must be at least 1×1 (or null for any).") :
        Read(path).Bind(a => Expect(path, a, IdxType.UInt8, 3)).Bind(a =>
            a.Dims[1] < 1 || (rows is { } r && a.Dims[1] != r) ? Problem.At(path, "dimension 1 (rows)", rows?.ToString() ?? "≥ 1", a.Dims[1].ToString())
            : a.Dims[2] < 1 || (cols is { } c && a.Dims[2] != c) ? Problem.At(path, "dimension 2 (columns)", cols?.ToString() ?? "≥ 1", a.Dims[2].ToString())
            : FinSucc(a));

    /// <summary>Labels: unsigned bytes of rank 1, each in [0, classes).</summary>
    /// <param name="path">The label file, raw or gzip.</param>
    /// <param name="classes">The number of classes, 1..256.</param>
    /// <returns>The labels, or an error naming the file and the first label out of range.</returns>
    /// <exception cref="ArgumentException"><paramref name="classes"/> is outside 1..256.</exception>
    public static Fin<IdxArray> ReadLabels(string path, int classes) =>
        classes is < 1 or > 256 ? throw new ArgumentException($"Idx.ReadLabels: classes {classes} must be in 1..256 (labels are bytes).", nameof(classes)) :
        Read(path).Bind(a => Expect(path, a, IdxType.UInt8, 1)).Bind(a =>
        {
            var s = a.Data.Span;
            for (var i = 0; i < s.Length; i++)
                if (s[i] >= classes) return Problem.At(path, $"label {i}", $"a class in [0, {classes})", s[i].ToString());
            return FinSucc(a);
        });

    /// <summary>An image file and its label file, checked together: every problem of both files is reported, then the counts must agree.</summary>
    /// <param name="imagesPath">The image file (unsigned bytes, rank 3).</param>
    /// <param name="labelsPath">The label file (unsigned bytes, rank 1).</param>
    /// <param name="classes">The number of classes, 1..256.</param>
    /// <param name="rows">The required image height, or null for any.</param>
    /// <param name="cols">The required image width, or null for any.</param>
    /// <returns>The labelled images, or every error found in both files.</returns>
    /// <exception cref="ArgumentException"><paramref name="classes"/> is outside 1..256.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="cols"/> is given and &lt; 1.</exception>
    public static Validation<Error, LabeledImages> ReadLabeled(string imagesPath, string labelsPath, int classes, int? rows = null, int? cols = null)
    {
        var images = ReadImages(imagesPath, rows, cols);
        var labels = ReadLabels(labelsPath, classes);
        var errors = Seq(images, labels).Bind(f => f.Match(Succ: _ => Seq<Error>(), Fail: e => Seq1(e)));
        if (!errors.IsEmpty) return Fail<Error, LabeledImages>(errors);
        var (i, l) = ((IdxArray)images, (IdxArray)labels);
        return i.Dims[0] == l.Dims[0]
            ? Success<Error, LabeledImages>(new LabeledImages(i.Dims[1], i.Dims[2], classes, i.Data, l.Data))
            : Fail<Error, LabeledImages>(Problem.At(labelsPath, "count", $"{i.Dims[0]} labels, one per image of {imagesPath}", l.Dims[0].ToString()));
    }

    static Fin<IdxArray> Expect(string path, IdxArray a, IdxType type, int rank) =>
        a.Type != type ? Problem.At(path, "element type", $"{(byte)type:X2} ({type})", $"{(byte)a.Type:X2} ({a.Type})")
        : a.Dims.Length != rank ? Problem.At(path, "rank", rank.ToString(), a.Dims.Length.ToString())
        : FinSucc(a);

    /// <summary>The bytes of an IDX file for an array (header then data as given, big-endian).</summary>
    /// <param name="a">The array.</param>
    /// <returns>The file's bytes, uncompressed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException">The rank is outside 1..255, a dimension is negative, or the data's length does not match the dimensions.</exception>
    public static byte[] Encode(IdxArray a)
    {
        Guard.NotNull(a, "Idx.Encode");
        if (a.Dims.IsDefault || a.Dims.Length is < 1 or > 255) throw new ArgumentException($"Idx.Encode: rank {(a.Dims.IsDefault ? 0 : a.Dims.Length)} must be in 1..255.", nameof(a));
        if (a.Dims.Any(d => d < 0)) throw new ArgumentException($"Idx.Encode: dimensions {string.Join("×", a.Dims)} must be ≥ 0.", nameof(a));
        var expected = a.Dims.Aggregate(1L, (n, d) => n * d) * ElementSize(a.Type);
        if (a.Data.Length != expected) throw new ArgumentException($"Idx.Encode: {a.Data.Length} data bytes for dimensions {string.Join("×", a.Dims)} of {a.Type}; expected {expected}.", nameof(a));
        var bytes = new byte[4 + 4 * a.Dims.Length + a.Data.Length];
        bytes[2] = (byte)a.Type;
        bytes[3] = (byte)a.Dims.Length;
        for (var i = 0; i < a.Dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), a.Dims[i]);
        a.Data.Span.CopyTo(bytes.AsSpan(4 + 4 * a.Dims.Length));
        return bytes;
    }

    /// <summary>Writes an IDX file atomically, gzip-compressed when <paramref name="gzip"/> (deterministic: no timestamp, fixed level).</summary>
    /// <param name="path">The file to write (created or replaced).</param>
    /// <param name="a">The array.</param>
    /// <param name="gzip">True to gzip the file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException">The array is malformed (see <see cref="Encode"/>), or <paramref name="path"/> is not a file path.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names <paramref name="path"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written.</exception>
    public static void Write(string path, IdxArray a, bool gzip)
    {
        var bytes = Encode(a);
        AtomicFile.Write(path, s =>
        {
            if (!gzip) { s.Write(bytes); return; }
            using var gz = new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true);
            gz.Write(bytes);
        });
    }
}
