using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>One named tensor of a safetensors file: dtype, shape and its little-endian bytes.</summary>
/// <param name="Name">The tensor's name in the file (<c>l1.W</c>).</param>
/// <param name="Dtype">The element type.</param>
/// <param name="Shape">The axis sizes, outermost first; <c>[]</c> for a scalar.</param>
/// <param name="Bytes">The elements, little-endian, row-major.</param>
public sealed record SafetensorsTensor(string Name, SafetensorsDtype Dtype, ImmutableArray<long> Shape, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>A float tensor as an F32 entry.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="t">The tensor.</param>
    /// <returns>The entry, its bytes little-endian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="t"/> is null.</exception>
    public static SafetensorsTensor From(string name, Tensor<float> t)
    {
        Guard.NotNull(t, $"SafetensorsTensor.From('{name}')");
        var bytes = new byte[t.Size * 4];
        var values = t.Span;
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return new(name, SafetensorsDtype.F32, [.. t.Shape.Select(d => (long)d)], bytes);
    }

    /// <summary>A double tensor as an F64 entry.</summary>
    /// <param name="name">The entry's name.</param>
    /// <param name="t">The tensor.</param>
    /// <returns>The entry, its bytes little-endian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="t"/> is null.</exception>
    public static SafetensorsTensor From(string name, Tensor<double> t)
    {
        Guard.NotNull(t, $"SafetensorsTensor.From('{name}')");
        var bytes = new byte[t.Size * 8];
        var values = t.Span;
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return new(name, SafetensorsDtype.F64, [.. t.Shape.Select(d => (long)d)], bytes);
    }

    /// <summary>The values as a tensor of T (from F64, F32, F16 or BF16); other dtypes are an error naming the file and tensor.</summary>
    /// <typeparam name="T">The element type wanted: <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="file">The name errors give the file.</param>
    /// <returns>The tensor, or an error: a dtype that is not floating point, a shape too large, or bytes that do not match the shape.</returns>
    /// <exception cref="ArgumentException"><see cref="Shape"/> is a default array.</exception>
    public Fin<Tensor<T>> ToTensor<T>(string file) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Shape.IsDefault) throw new ArgumentException($"SafetensorsTensor.ToTensor: tensor '{Name}' has no shape (a default array); give its axes, [] for a scalar.", nameof(Shape));
        if (Shape.Any(d => d > int.MaxValue)) return Problem.At(file, $"tensor '{Name}' shape", $"axes of at most {int.MaxValue}", $"[{string.Join(", ", Shape)}]");
        var elements = Shape.Aggregate(1L, (p, d) => p == 0 || d <= PureNet.Shape.MaxElements / p ? p * d : long.MaxValue);
        if (elements > PureNet.Shape.MaxElements) return Problem.At(file, $"tensor '{Name}' shape", $"at most {PureNet.Shape.MaxElements} elements", $"[{string.Join(", ", Shape)}]");
        if (Bytes.Length != elements * Dtype.Size())
            return Problem.At(file, $"tensor '{Name}' bytes", $"{elements * Dtype.Size()} bytes for shape [{string.Join(", ", Shape)}] of {Dtype}", $"{Bytes.Length} bytes");
        var shape = new Shape(Shape.Select(d => (int)d));
        var n = (int)elements;
        var b = Bytes.Span;
        var values = new T[n];
        switch (Dtype)
        {
            case SafetensorsDtype.F64: for (var i = 0; i < n; i++) values[i] = T.CreateChecked(BinaryPrimitives.ReadDoubleLittleEndian(b[(8 * i)..])); break;
            case SafetensorsDtype.F32: for (var i = 0; i < n; i++) values[i] = T.CreateChecked(BinaryPrimitives.ReadSingleLittleEndian(b[(4 * i)..])); break;
            case SafetensorsDtype.F16: for (var i = 0; i < n; i++) values[i] = T.CreateChecked(BinaryPrimitives.ReadHalfLittleEndian(b[(2 * i)..])); break;
            case SafetensorsDtype.BF16: for (var i = 0; i < n; i++) values[i] = T.CreateChecked(BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b[(2 * i)..]) << 16)); break;
            default: return Problem.At(file, $"tensor '{Name}' dtype", "a floating-point dtype (F64, F32, F16, BF16)", Dtype.ToString());
        }
        return new Tensor<T>(shape, values, "Safetensors");   // sizes checked above: take the array, no second copy
    }

    /// <summary>Value equality: the same name, dtype, shape and bytes.</summary>
    /// <param name="o">The entry to compare with.</param>
    /// <returns>True when both hold the same entry.</returns>
    public bool Equals(SafetensorsTensor? o) => o is not null && Name == o.Name && Dtype == o.Dtype && Shape.SequenceEqual(o.Shape) && Bytes.Span.SequenceEqual(o.Bytes.Span);
    /// <summary>A hash consistent with <see cref="Equals(SafetensorsTensor?)"/> (of the name, dtype and byte count).</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => HashCode.Combine(Name, Dtype, Bytes.Length);
}
