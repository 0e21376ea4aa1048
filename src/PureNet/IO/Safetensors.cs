using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace PureNet;

/// <summary>The content of a safetensors file: tensors by name and the string-to-string <c>__metadata__</c>.</summary>
/// <param name="Tensors">The tensors, each named once; <c>[]</c> for none.</param>
/// <param name="Metadata">The <c>__metadata__</c> entries (PureNet writes the model's architecture and preprocessing there).</param>
/// <exception cref="ArgumentException"><paramref name="Tensors"/> is a default array.</exception>
/// <exception cref="ArgumentNullException">An element of <paramref name="Tensors"/> is null.</exception>
public sealed record SafetensorsFile(ImmutableArray<SafetensorsTensor> Tensors, Map<string, string> Metadata)
{
    /// <summary>The tensors, in the order of their data in the file.</summary>
    public ImmutableArray<SafetensorsTensor> Tensors { get; } = Tensors.IsDefault
        ? throw new ArgumentException("SafetensorsFile: Tensors is a default array; give the tensors, [] for none.", nameof(Tensors))
        : Guard.NoNulls(Tensors.ToArray(), "SafetensorsFile", nameof(Tensors)).ToImmutableArray();

    /// <summary>The tensor of the given name, if the file holds one.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <returns>The tensor, or None.</returns>
    public Option<SafetensorsTensor> Find(string name) => Optional(Tensors.FirstOrDefault(t => t.Name == name));

    /// <summary>A tensor a model needs, of the given shape; missing or of another shape is an error naming the file and the tensor.</summary>
    /// <typeparam name="T">The element type wanted: <see cref="float"/> or <see cref="double"/> (converted from F64, F32, F16 or BF16).</typeparam>
    /// <param name="file">The name errors give the file.</param>
    /// <param name="name">The tensor's name.</param>
    /// <param name="shape">The shape the model needs.</param>
    /// <returns>The tensor, or an error naming the file, the tensor and what was expected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    public Fin<Tensor<T>> Require<T>(string file, string name, Shape shape) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        shape is null ? throw new ArgumentNullException(nameof(shape), $"SafetensorsFile.Require: shape of '{name}' is null.") :
        Find(name).Match(
            Some: t => t.Shape.SequenceEqual(shape.Dims.Select(d => (long)d))
                ? t.ToTensor<T>(file)
                : Problem.At(file, $"tensor '{name}' shape", shape.ToString(), $"[{string.Join(", ", t.Shape)}]"),
            None: () => Problem.At(file, $"tensor '{name}'", $"a tensor of shape {shape} (the model needs it)", "none (missing)"));

    /// <summary>Value equality: the same tensors (bytes included) in the same order and the same metadata.</summary>
    /// <param name="o">The file content to compare with.</param>
    /// <returns>True when both hold the same content.</returns>
    public bool Equals(SafetensorsFile? o) => o is not null && Tensors.SequenceEqual(o.Tensors) && Metadata == o.Metadata;
    /// <summary>A hash consistent with <see cref="Equals(SafetensorsFile?)"/> (of the counts, not the bytes).</summary>
    /// <returns>The hash.</returns>
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
    /// <param name="tensors">The tensors, each named once.</param>
    /// <param name="metadata">The <c>__metadata__</c> entries; empty for none (then the key is left out).</param>
    /// <returns>The whole file: the same tensors and metadata always give the same bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/>, one of its elements, or a tensor's name is null.</exception>
    /// <exception cref="ArgumentException">A name is repeated, empty or <c>__metadata__</c>; a shape is default, negative or overflows; or a tensor's byte count does not match its shape and dtype.</exception>

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

    /// <summary>Writes the file atomically (temporary file, then rename): <see cref="Encode"/> then <see cref="AtomicFile.WriteAllBytes"/>.</summary>
    /// <param name="path">The file to write (created or replaced).</param>
    /// <param name="tensors">The tensors, each named once.</param>
    /// <param name="metadata">The <c>__metadata__</c> entries; empty for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/>, one of its elements, or a tensor's name is null.</exception>
    /// <exception cref="ArgumentException">A name is repeated, empty or <c>__metadata__</c>; a shape is default, negative or overflows; or a tensor's byte count does not match its shape and dtype.</exception>
    /// <exception cref="IOException">The file cannot be written (the message names <paramref name="path"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory may not be written.</exception>
    /// <example>
    /// <code>
    /// var w = Tensor.Normal&lt;float&gt;(new Shape(2, 3), seed: 1);
    /// var path = Path.Combine(Path.GetTempPath(), "model.safetensors");
    /// Safetensors.Write(path, [SafetensorsTensor.From("l1.W", w)], Map&lt;string, string&gt;.Empty.Add("format", "pt"));
    /// Fin&lt;Tensor&lt;float&gt;&gt; back = Safetensors.Read(path).Bind(f => f.Require&lt;float&gt;(path, "l1.W", new Shape(2, 3)));
    /// </code>
    /// </example>
    public static void Write(string path, IEnumerable<SafetensorsTensor> tensors, Map<string, string> metadata)
    {
        var bytes = Encode(tensors, metadata);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Reads and validates a safetensors file: header length, UTF-8 JSON, each entry's dtype, shape and offsets, and that the tensors tile the data exactly.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The content, or an error <c>file: field: expected …, found …</c>.</returns>
    public static Fin<SafetensorsFile> Read(string path)
    {
        if (Directory.Exists(path)) return Problem.Unreadable(path, "a directory");
        if (!File.Exists(path)) return Problem.Unreadable(path, "no such file");
        try { return Parse(path, File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Problem.Unreadable(path, e.Message); }
    }

    /// <summary>Parses and validates a whole file; <paramref name="file"/> names it in errors.</summary>
    /// <param name="file">The name errors give the input.</param>
    /// <param name="bytes">The file's content.</param>
    /// <returns>The content (the tensors' bytes are slices of <paramref name="bytes"/>), or an error naming the file and field.</returns>
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
