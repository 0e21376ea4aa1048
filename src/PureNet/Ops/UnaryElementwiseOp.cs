using System.Numerics;

namespace PureNet;

/// <summary>
/// The base of an op of one input computed element by element: the output has the input's shape, and the op gives only
/// its span function (<c>TensorPrimitives.Tan</c> and friends fit), its derivatives and how it prints.
/// </summary>
public abstract record UnaryElementwiseOp : PrimitiveOp
{
    public sealed override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);

    /// <summary>y[i] = f(x[i]) over spans of one length.</summary>
    protected abstract void Map<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    protected sealed override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Elementwise.Unary<T>(x[0], Map, allocate);
}
