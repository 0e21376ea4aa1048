using System.Numerics;
using SysTensor = System.Numerics.Tensors.Tensor;

namespace PureNet;

/// <summary>Conversion to and from System.Numerics.Tensors, so data can come in and go out without arrays.</summary>
public static class Interop
{
    /// <summary>A copy of a System.Numerics.Tensors tensor (dense or strided) as a PureNet tensor.</summary>
    public static Tensor<T> FromSystem<T>(System.Numerics.Tensors.ReadOnlyTensorSpan<T> source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = new Shape(source.Lengths.ToArray().Select(l => checked((int)l)));
        var data = new T[shape.Size];
        source.FlattenTo(data);
        return new Tensor<T>(shape, data);
    }

    public static Tensor<T> FromSystem<T>(System.Numerics.Tensors.Tensor<T> source) where T : unmanaged, IFloatingPointIeee754<T> =>
        FromSystem(source.AsReadOnlyTensorSpan());

    /// <summary>A System.Numerics.Tensors tensor holding a copy of the elements.</summary>
    public static System.Numerics.Tensors.Tensor<T> ToSystem<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        SysTensor.Create(x.ToArray(), [.. x.Shape.Dims.Select(d => (nint)d)]);
}
