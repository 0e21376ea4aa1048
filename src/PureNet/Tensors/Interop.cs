using System.Numerics;
using SysTensor = System.Numerics.Tensors.Tensor;

namespace PureNet;

/// <summary>Conversion to and from System.Numerics.Tensors, so data can come in and go out without arrays.</summary>
public static class Interop
{
    /// <summary>A copy of a System.Numerics.Tensors tensor (dense or strided) as a PureNet tensor.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="source">The span read.</param>
    /// <returns>A dense row-major tensor of the same lengths.</returns>
    /// <exception cref="ShapeException">The source is larger than a tensor can hold, or its length does not match its lengths.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
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

    /// <summary>A copy of a System.Numerics.Tensors tensor as a PureNet tensor.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="source">The tensor read.</param>
    /// <returns>A dense row-major tensor of the same lengths.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ShapeException">The source is larger than a tensor can hold.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static Tensor<T> FromSystem<T>(System.Numerics.Tensors.Tensor<T> source) where T : unmanaged, IFloatingPointIeee754<T> =>
        FromSystem(Guard.NotNull(source, "FromSystem").AsReadOnlyTensorSpan());

    /// <summary>A System.Numerics.Tensors tensor holding a copy of the elements.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The tensor copied.</param>
    /// <returns>A dense tensor of the same shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static System.Numerics.Tensors.Tensor<T> ToSystem<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        SysTensor.Create(Guard.NotNull(x, "ToSystem").ToArray(), [.. x.Shape.Dims.Select(d => (nint)d)]);
}
