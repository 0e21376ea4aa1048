using System.Numerics;

namespace PureNet;

/// <summary>
/// The base of an op of one input computed element by element: the output has the input's shape, and the op gives only
/// its span function (<c>TensorPrimitives.Tan</c> and friends fit), its derivatives and how it prints.
/// </summary>
public abstract record UnaryElementwiseOp : PrimitiveOp
{
    /// <summary>One input; the output has its shape.</summary>
    /// <param name="s">The input's shape.</param>
    /// <returns>The same shape.</returns>
    /// <exception cref="ShapeException">The op is given other than one input.</exception>
    public sealed override Shape InferShape(IReadOnlyList<Shape> s) => ShapeRules.Same(Name, s, 1);

    /// <summary>y[i] = f(x[i]) over spans of one length.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="x">The input elements.</param>
    /// <param name="y">Where the results go, as long as <paramref name="x"/>.</param>
    protected abstract void Map<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    /// <param name="x">The input values, in input order.</param>
    /// <param name="output">The output's concrete shape.</param>
    /// <param name="allocate">Where the output's storage comes from; null for a fresh array.</param>
    protected sealed override Tensor<T> Kernel<T>(ReadOnlySpan<Tensor<T>> x, Shape output, Allocator<T>? allocate) =>
        Elementwise.Unary<T>(x[0], Map, allocate);
}
