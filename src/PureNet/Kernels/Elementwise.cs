using System.Numerics;

namespace PureNet;

/// <summary>y = f(x) over a span; <c>TensorPrimitives.Tanh</c> and friends fit.</summary>
public delegate void UnaryKernel<T>(ReadOnlySpan<T> x, Span<T> y);
/// <summary>z = f(x, y) over spans of one length; <c>TensorPrimitives.Add</c> and friends fit.</summary>
public delegate void BinaryKernel<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z);

/// <summary>Elementwise loops: each output element depends on the input elements at the same index.</summary>
internal static class Elementwise
{
    public static Tensor<T> Unary<T>(Tensor<T> x, UnaryKernel<T> kernel) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[x.Size];
        kernel(x.Span, y);
        return new Tensor<T>(x.Shape, y);
    }

    /// <summary>For functions <c>TensorPrimitives</c> lacks (erf, sign, step).</summary>
    public static Tensor<T> Map<T>(Tensor<T> x, Func<T, T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = x.Span;
        var y = new T[src.Length];
        for (var i = 0; i < y.Length; i++) y[i] = f(src[i]);
        return new Tensor<T>(x.Shape, y);
    }

    /// <summary>Applies a binary kernel after broadcasting both operands to their common shape.</summary>
    public static Tensor<T> Binary<T>(Tensor<T> a, Tensor<T> b, BinaryKernel<T> kernel, string op) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shape = a.Shape == b.Shape ? a.Shape : Broadcast.Shapes(a.Shape, b.Shape, op);
        var z = new T[shape.Size];
        kernel(Layout.BroadcastTo(a, shape).Span, Layout.BroadcastTo(b, shape).Span, z);
        return new Tensor<T>(shape, z);
    }

    public static Tensor<T> Zip<T>(Tensor<T> a, Tensor<T> b, Func<T, T, T> f, string op) where T : unmanaged, IFloatingPointIeee754<T> =>
        Binary(a, b, (x, y, z) => { for (var i = 0; i < z.Length; i++) z[i] = f(x[i], y[i]); }, op);

    public static Tensor<T> Zip3<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, Func<T, T, T, T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = a.Span; var y = b.Span; var w = c.Span;
        var z = new T[x.Length];
        for (var i = 0; i < z.Length; i++) z[i] = f(x[i], y[i], w[i]);
        return new Tensor<T>(a.Shape, z);
    }
}
