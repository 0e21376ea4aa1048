using System.Numerics;

namespace PureNet;

/// <summary>z = f(x, y) over spans of one length, writing into z.</summary>
internal delegate void SpanZip<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z);
/// <summary>y = f(x) over spans of one length, writing into y.</summary>
internal delegate void SpanMap<T>(ReadOnlySpan<T> x, Span<T> y);

/// <summary>
/// Per-tensor passes for optimizers: each call allocates only the new tensor it returns (a donated array when one of its
/// length is free, see <see cref="Tensor{T}.Donate"/>) and runs
/// <c>TensorPrimitives</c> (vectorized) over the spans, never an expression graph.
/// </summary>
internal static class Fused
{
    public static Tensor<T> Map<T>(Tensor<T> x, SpanMap<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = LargeBuffers<T>.Rent(x.Size);
        f(x.Span, y);
        return Tensor<T>.Owned(x.Shape, y);
    }

    public static Tensor<T> Zip<T>(Tensor<T> a, Tensor<T> b, SpanZip<T> f) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var z = LargeBuffers<T>.Rent(a.Size);
        f(a.Span, b.Span, z);
        return Tensor<T>.Owned(a.Shape, z);
    }
}

/// <summary>Norms that neither overflow nor underflow: values are scaled by the largest magnitude before squaring.</summary>
public static class Norms
{
    /// <summary>The L2 norm of all elements of all tensors together (‖·‖₂ of their concatenation); NaN if any element is NaN.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="tensors">The tensors.</param>
    /// <returns>√(Σ x²) over every element, +∞ if an element is infinite; 0 for no elements.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tensors"/> or one of them is null.</exception>
    public static double L2<T>(IEnumerable<Tensor<T>> tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var list = Guard.NotNull(tensors, "Norms.L2").ToList();
        for (var i = 0; i < list.Count; i++)
            if (list[i] is null) throw new ArgumentNullException(nameof(tensors), $"Norms.L2: tensors[{i}] is null.");
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

    /// <summary>
    /// A NaN or ±∞ element has no finite norm, so no clip or projection exists: refused, naming the function, the tensor
    /// (by <paramref name="parts"/>' labels, e.g. <c>'l1.W'</c>) and the flat index (PyTorch's error_if_nonfinite).
    /// The one check behind both the <see cref="Regularizers"/> functions and the optimizer transforms.
    /// </summary>
    internal static void RefuseNonFinite<T>(IEnumerable<(string Label, Tensor<T> Value)> parts, string function,
        string rule = "the norm is undefined (fix the NaN/∞ first)") where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var (label, t) in parts)
        {
            var s = t.Span;
            var i = System.Numerics.Tensors.TensorPrimitives.IndexOfMaxMagnitude(s);   // ∞ is the largest magnitude; NaN is returned first
            if (i < 0 || T.IsFinite(s[i])) continue;
            for (var j = 0; j < s.Length; j++)   // the first non-finite element, so the index is the one a user finds first
                if (!T.IsFinite(s[j]))
                    throw new ArgumentException($"{function}: {label} {t.Shape} has the non-finite element {s[j]} at flat index {j}; {rule}.");
        }
    }

    /// <summary>The L2 norm of one tensor's elements.</summary>
    /// <typeparam name="T">The element type: float or double.</typeparam>
    /// <param name="t">The tensor.</param>
    /// <returns>√(Σ x²), NaN if an element is NaN.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="t"/> is null.</exception>
    public static double L2<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T> => L2([Guard.NotNull(t, "Norms.L2")]);
}
