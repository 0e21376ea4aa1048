using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet;

/// <summary>The content of a safetensors file: tensors by name and the string-to-string <c>__metadata__</c>.</summary>
public sealed record SafetensorsFile(ImmutableArray<SafetensorsTensor> Tensors, Map<string, string> Metadata)
{
    public ImmutableArray<SafetensorsTensor> Tensors { get; } = Tensors.IsDefault
        ? throw new ArgumentException("SafetensorsFile: Tensors is a default array; give the tensors, [] for none.", nameof(Tensors))
        : Guard.NoNulls(Tensors.ToArray(), "SafetensorsFile", nameof(Tensors)).ToImmutableArray();

    public Option<SafetensorsTensor> Find(string name) => Optional(Tensors.FirstOrDefault(t => t.Name == name));

    /// <summary>A tensor a model needs, of the given shape; missing or of another shape is an error naming the file and the tensor.</summary>
    public Fin<Tensor<T>> Require<T>(string file, string name, Shape shape) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        shape is null ? throw new ArgumentNullException(nameof(shape), $"SafetensorsFile.Require: shape of '{name}' is null.") :
        Find(name).Match(
            Some: t => t.Shape.SequenceEqual(shape.Dims.Select(d => (long)d))
                ? t.ToTensor<T>(file)
                : Problem.At(file, $"tensor '{name}' shape", shape.ToString(), $"[{string.Join(", ", t.Shape)}]"),
            None: () => Problem.At(file, $"tensor '{name}'", $"a tensor of shape {shape} (the model needs it)", "none (missing)"));

    public bool Equals(SafetensorsFile? o) => o is not null && Tensors.SequenceEqual(o.Tensors) && Metadata == o.Metadata;
    public override int GetHashCode() => HashCode.Combine(Tensors.Length, Metadata.Count);
}

/// <summary>
/// The safetensors format (huggingface/safetensors): an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// mapping each tensor name to {dtype, shape, data_offsets} (offsets relative to the data that follows) plus an
/// optional "__metadata__" object of strings, then the tensors' bytes, contiguous, with no holes.
/// </summary>
public static class Safetensors
{
    /// <summary>The largest header accepted (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;
    const string MetadataKey = "__metadata__";

    /// <summary>The file's bytes: tensors laid out in name order, the header padded with spaces to a multiple of 8.</summary>
    public static byte[] Encode(IEnumerable<SafetensorsTensor> tensors, Map<string, string> metadata)
    {
        var given = Guard.NoNulls(Guard.NotNull(tensors, "Safetensors.Encode").ToArray(), "Safetensors.Encode", nameof(tensors));
        if (given.FirstOrDefault(t => t.Name is null) is { } unnamed) throw new ArgumentNullException(nameof(tensors), $"Safetensors.Encode: a {unnamed.Dtype} tensor has a null name.");
        var list = given.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        foreach (var dup in list.GroupBy(t => t.Name).Where(g => g.Count() > 1))
            throw new ArgumentException($"Safetensors.Encode: tensor name '{dup.Key}' appears {dup.Count()} times; names are unique.", nameof(tensors));
        foreach (var t in list)
        {
            if (t.Name == MetadataKey || t.Name.Length == 0) throw new ArgumentException($"Safetensors.Encode: '{t.Name}' is not a valid tensor name.", nameof(tensors));
            if (t.Shape.IsDefault || t.Shape.Any(d => d < 0))
                throw new ArgumentException($"Safetensors.Encode: tensor '{t.Name}' has shape [{(t.Shape.IsDefault ? "" : string.Join(", ", t.Shape))}]; axes must be given and ≥ 0.", nameof(tensors));
            var size = t.Shape.Aggregate(1L, (n, d) => n != 0 && d > long.MaxValue / 8 / n
                ? throw new ArgumentException($"Safetensors.Encode: tensor '{t.Name}' shape [{string.Join(", ", t.Shape)}] overflows 64 bits.", nameof(tensors))
                : n * d) * t.Dtype.Size();
            if (size != t.Bytes.Length)
                throw new ArgumentException($"Safetensors.Encode: tensor '{t.Name}' has {t.Bytes.Length} bytes; shape [{string.Join(", ", t.Shape)}] of {t.Dtype} needs {size}.", nameof(tensors));
        }
        using var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (!metadata.IsEmpty)
            {
                w.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata) w.WriteString(k, v);
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in list)
            {
                w.WriteStartObject(t.Name);
                w.WriteString("dtype", t.Dtype.ToString());
                w.WriteStartArray("shape");
                foreach (var d in t.Shape) w.WriteNumberValue(d);
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset += t.Bytes.Length);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        var header = json.ToArray();
        var padded = (header.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + list.Sum(t => (long)t.Bytes.Length)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        header.CopyTo(bytes, 8);
        bytes.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        var at = 8 + padded;
        foreach (var t in list) { t.Bytes.Span.CopyTo(bytes.AsSpan(at)); at += t.Bytes.Length; }
        return bytes;
    }

    /// <summary>Writes the file atomically (temporary file, then rename).</summary>
    public static void Write(string path, IEnumerable<SafetensorsTensor> tensors, Map<string, string> metadata)
    {
        var bytes = Encode(tensors, metadata);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    public static Fin<SafetensorsFile> Read(string path)
    {
        if (Directory.Exists(path)) return Problem.Unreadable(path, "a directory");
        if (!File.Exists(path)) return Problem.Unreadable(path, "no such file");
        try { return Parse(path, File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Problem.Unreadable(path, e.Message); }
    }

    /// <summary>Parses and validates a whole file; <paramref name="file"/> names it in errors.</summary>
    public static Fin<SafetensorsFile> Parse(string file, ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length < 8) return Problem.At(file, "header length", "8 bytes", $"a file of {bytes.Length} bytes");
        var n = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Span);
        if (n > MaxHeaderBytes) return Problem.At(file, "header length", $"at most {MaxHeaderBytes} bytes", $"{n} (absurd)");
        if (n > (ulong)(bytes.Length - 8)) return Problem.At(file, "header length", $"at most the {bytes.Length - 8} bytes after it", $"{n} (past the end of the file)");
        if (n < 2) return Problem.At(file, "header length", "at least 2 bytes (a JSON object)", n.ToString());
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Span.Slice(8, (int)n)); }
        catch (DecoderFallbackException e) { return Problem.At(file, "header", "UTF-8 text", $"invalid UTF-8 at byte {8 + e.Index}"); }
        JsonDocument doc;
        try { doc = JsonDocument.Parse(text); }
        catch (JsonException e) { return Problem.At(file, "header", "a JSON object", $"malformed JSON ({e.Message})"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return Problem.At(file, "header", "a JSON object", doc.RootElement.ValueKind.ToString());
            var data = bytes[(8 + (int)n)..];
            return Entries(file, doc.RootElement, data).Bind(r =>
                Layout(file, r.Tensors, data.Length).Map(_ => new SafetensorsFile([.. r.Tensors.Select(t => t.Tensor)], r.Metadata)));
        }
    }

    static Fin<(ImmutableArray<(SafetensorsTensor Tensor, long Begin)> Tensors, Map<string, string> Metadata)> Entries(string file, JsonElement root, ReadOnlyMemory<byte> data)
    {
        var tensors = ImmutableArray.CreateBuilder<(SafetensorsTensor Tensor, long Begin)>();
        var metadata = Map<string, string>();
        var seen = new System.Collections.Generic.HashSet<string>();
        foreach (var p in root.EnumerateObject())
        {
            if (!seen.Add(p.Name)) return Problem.At(file, $"header key '{p.Name}'", "unique keys", "a duplicate");
            if (p.Name == MetadataKey)
            {
                if (p.Value.ValueKind != JsonValueKind.Object) return Problem.At(file, MetadataKey, "an object of strings", p.Value.ValueKind.ToString());
                foreach (var m in p.Value.EnumerateObject())
                {
                    if (m.Value.ValueKind != JsonValueKind.String) return Problem.At(file, $"{MetadataKey}.{m.Name}", "a string value", m.Value.ValueKind.ToString());
                    metadata = metadata.AddOrUpdate(m.Name, m.Value.GetString()!);
                }
                continue;
            }
            var entry = Entry(file, p.Name, p.Value, data);
            if (entry.IsFail) return (Error)entry;
            tensors.Add(((SafetensorsTensor, long))entry);
        }
        return ([.. tensors.OrderBy(t => t.Begin).ThenBy(t => t.Tensor.Bytes.Length)], metadata);
    }

    static Fin<(SafetensorsTensor Tensor, long Begin)> Entry(string file, string name, JsonElement e, ReadOnlyMemory<byte> data)
    {
        var where = $"tensor '{name}'";
        if (e.ValueKind != JsonValueKind.Object) return Problem.At(file, where, "an object with dtype, shape and data_offsets", e.ValueKind.ToString());
        if (!e.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String) return Problem.At(file, $"{where} dtype", "a string", Describe(e, "dtype"));
        var dtypeOpt = SafetensorsDtypes.Parse(dt.GetString()!);
        if (dtypeOpt.IsNone) return Problem.At(file, $"{where} dtype", $"one of {string.Join(", ", Enum.GetNames<SafetensorsDtype>())}", $"'{dt.GetString()}'");
        var dtype = (SafetensorsDtype)dtypeOpt;
        var shape = Integers(e, "shape");
        if (shape is null) return Problem.At(file, $"{where} shape", "an array of integers ≥ 0", Describe(e, "shape"));
        var offsets = Integers(e, "data_offsets");
        if (offsets is null || offsets.Length != 2) return Problem.At(file, $"{where} data_offsets", "[begin, end], two integers ≥ 0", Describe(e, "data_offsets"));
        var (begin, end) = (offsets[0], offsets[1]);
        long count = 1;
        foreach (var d in shape)
        {
            if (d != 0 && count > long.MaxValue / d / dtype.Size()) return Problem.At(file, $"{where} shape", "a size that fits in 64 bits", $"[{string.Join(", ", shape)}] (overflows)");
            count *= d;
        }
        if (end < begin) return Problem.At(file, $"{where} data_offsets", "begin ≤ end", $"[{begin}, {end}] (reversed)");
        if (end > data.Length) return Problem.At(file, $"{where} data_offsets", $"a range within the {data.Length} data bytes", $"[{begin}, {end}] (out of the file)");
        if (end - begin != count * dtype.Size())
            return Problem.At(file, $"{where} data_offsets", $"{count * dtype.Size()} bytes for shape [{string.Join(", ", shape)}] of {dtype}", $"{end - begin} bytes in [{begin}, {end}]");
        return (new SafetensorsTensor(name, dtype, [.. shape], data[(int)begin..(int)end]), begin);
    }

    /// <summary>Ranges sorted by start must tile [0, length) exactly: no overlap, no hole, nothing after the last.</summary>
    static Fin<Unit> Layout(string file, ImmutableArray<(SafetensorsTensor Tensor, long Begin)> sorted, long length)
    {
        long at = 0;
        var previous = "(start of data)";
        foreach (var (t, begin) in sorted)
        {
            if (begin < at) return Problem.At(file, $"tensor '{t.Name}' data_offsets", $"to start at {at}, after '{previous}'", $"{begin} (overlaps '{previous}')");
            if (begin > at) return Problem.At(file, $"tensor '{t.Name}' data_offsets", $"to start at {at}, right after '{previous}'", $"{begin} (a hole of {begin - at} bytes)");
            at = begin + t.Bytes.Length;
            previous = t.Name;
        }
        return at == length ? unit : Problem.At(file, "data", $"{at} bytes, up to the end of the last tensor", $"{length} bytes ({length - at} bytes after the last tensor)");
    }

    static long[]? Integers(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Array) return null;
        var result = new List<long>();
        foreach (var x in a.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.Number || !x.TryGetInt64(out var v) || v < 0) return null;
            result.Add(v);
        }
        return [.. result];
    }

    static string Describe(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetRawText() : "nothing (missing)";
}
