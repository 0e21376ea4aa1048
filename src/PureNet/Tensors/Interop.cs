using System.Numerics;
using SysTensor = System.Numerics.Tensors.Tensor;

namespace PureNet;

/// <summary>Conversion to and from System.Numerics.Tensors, so data can come in and go out without arrays.</summary>
public static class Interop
{
    /// <summary>A copy of a System.Numerics.Tensors tensor (dense or strided) as a PureNet tensor.</summary>
    public static Tensor<T> FromSystem<T>(System.Numerics.Tensors.ReadOnlyTensorSpan<T> source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lengths = source.Lengths.ToArray();
        if (lengths.Any(l => l > Shape.MaxElements))
            throw new ShapeException($"FromSystem: lengths [{string.Join(", ", lengths)}] exceed what one tensor can hold ({Shape.MaxElements:N0} elements).");
        var shape = new Shape(lengths.Select(l => (int)l));
        var data = new T[shape.SizeFor("FromSystem")];
        if ((long)source.FlattenedLength != data.Length)
            throw new ShapeException($"FromSystem: the source holds {source.FlattenedLength} elements but its lengths [{string.Join(", ", lengths)}] describe {data.Length} (a default span?).");
        source.FlattenTo(data);
        return new Tensor<T>(shape, data, "FromSystem");
    }

    public static Tensor<T> FromSystem<T>(System.Numerics.Tensors.Tensor<T> source) where T : unmanaged, IFloatingPointIeee754<T> =>
        FromSystem(Guard.NotNull(source, "FromSystem").AsReadOnlyTensorSpan());

    /// <summary>A System.Numerics.Tensors tensor holding a copy of the elements.</summary>
    public static System.Numerics.Tensors.Tensor<T> ToSystem<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        SysTensor.Create(Guard.NotNull(x, "ToSystem").ToArray(), [.. x.Shape.Dims.Select(d => (nint)d)]);
}
