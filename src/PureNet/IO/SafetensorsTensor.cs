using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Numerics;
using LanguageExt;

namespace PureNet;

/// <summary>One named tensor of a safetensors file: dtype, shape and its little-endian bytes.</summary>
public sealed record SafetensorsTensor(string Name, SafetensorsDtype Dtype, ImmutableArray<long> Shape, ReadOnlyMemory<byte> Bytes)
{
    public static SafetensorsTensor From(string name, Tensor<float> t)
    {
        Guard.NotNull(t, $"SafetensorsTensor.From('{name}')");
        var bytes = new byte[t.Size * 4];
        var values = t.Span;
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return new(name, SafetensorsDtype.F32, [.. t.Shape.Select(d => (long)d)], bytes);
    }

    public static SafetensorsTensor From(string name, Tensor<double> t)
    {
        Guard.NotNull(t, $"SafetensorsTensor.From('{name}')");
        var bytes = new byte[t.Size * 8];
        var values = t.Span;
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return new(name, SafetensorsDtype.F64, [.. t.Shape.Select(d => (long)d)], bytes);
    }

    /// <summary>The values as a tensor of T (from F64, F32, F16 or BF16); other dtypes are an error naming the file and tensor.</summary>
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

    public bool Equals(SafetensorsTensor? o) => o is not null && Name == o.Name && Dtype == o.Dtype && Shape.SequenceEqual(o.Shape) && Bytes.Span.SequenceEqual(o.Bytes.Span);
    public override int GetHashCode() => HashCode.Combine(Name, Dtype, Bytes.Length);
}
