using System.Numerics;

namespace PureNet;

/// <summary>z = f(x, y) over spans of one length, writing into z.</summary>
internal delegate void SpanZip<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z);
/// <summary>y = f(x) over spans of one length, writing into y.</summary>
internal delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> y);

/// <summary>
/// Per-tensor passes for optimizers: each call allocates only the new tensor it returns and runs
/// <c>TensorPrimitives</c> (vectorized) over the spans, never an expression graph.
/// </summary>
internal static class Fused
{
    public static Tensor<T> Map<T>(Tensor<T> x, SpanMap<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = new T[x.Size];
        f(x.Span, y);
        return new Tensor<T>(x.Shape, y);
    }

    public static Tensor<T> Zip<T>(Tensor<T> a, Tensor<T> b, SpanZip<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = new T[a.Size];
        f(a.Span, b.Span, z);
        return new Tensor<T>(a.Shape, z);
    }
}

/// <summary>Norms that neither overflow nor underflow: values are scaled by the largest magnitude before squaring.</summary>
public static class Norms
{
    /// <summary>The L2 norm of all elements of all tensors together (‖·‖₂ of their concatenation); NaN if any element is NaN.</summary>
    public static double L2<T>(IEnumerable<Tensor<T>> tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var list = tensors.ToList();
        var scale = 0.0;
        foreach (var t in list)
        {
            if (t.Size == 0) continue;
            var m = double.CreateTruncating(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(t.Span));
            if (double.IsNaN(m)) return double.NaN;
            scale = Math.Max(scale, Math.Abs(m));
        }
        if (scale == 0) return 0;
        if (double.IsInfinity(scale)) return double.PositiveInfinity;
        var sum = 0.0;
        foreach (var t in list)
            foreach (var v in t.Span)
            {
                var s = double.CreateTruncating(v) / scale;
                sum += s * s;
            }
        return scale * Math.Sqrt(sum);
    }

    /// <summary>The L2 norm of one tensor's elements.</summary>
    public static double L2<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> => L2([t]);
}
