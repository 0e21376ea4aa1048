using static PureNet.Fn;

namespace PureNet;

/// <summary>Pooling over K×K windows of NCHW input with a stride (default K): max by a direct kernel, mean as im2col and a reduction.</summary>
public static class Pooling
{
    /// <summary>Window maximum; the gradient goes only to the maximal element (split evenly at exact ties).</summary>
    /// <param name="x">The input [N, C, H, W], only N open.</param>
    /// <param name="size">The window's side K, ≥ 1, at most H and W.</param>
    /// <param name="stride">The step between windows, ≥ 1; null for K (windows that do not overlap).</param>
    /// <returns>[N, C, (H − K)/S + 1, (W − K)/S + 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is not NCHW with only N open.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> or <paramref name="stride"/> is below 1, or the window is larger than the input.</exception>
    public static Expr MaxPool2D(Expr x, int size, int? stride = null)
    {
        var s = stride ?? size;
        Check(x, size, s, "MaxPool2D");
        return new Apply(new MaxPoolOp(size, s), Fn.Inputs(x));
    }

    /// <summary>Window mean; the gradient spreads evenly over the window.</summary>
    /// <param name="x">The input [N, C, H, W], only N open.</param>
    /// <param name="size">The window's side K, ≥ 1, at most H and W.</param>
    /// <param name="stride">The step between windows, ≥ 1; null for K (windows that do not overlap).</param>
    /// <returns>[N, C, (H − K)/S + 1, (W − K)/S + 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ShapeException"><paramref name="x"/> is not NCHW with only N open.</exception>
    /// <exception cref="ArgumentException"><paramref name="size"/> or <paramref name="stride"/> is below 1, or the window is larger than the input.</exception>
    public static Expr AvgPool2D(Expr x, int size, int? stride = null) => Mean(Windows(x, size, stride ?? size, "AvgPool2D"), 2);

    /// <summary>Every window as [N, C, K², OH, OW] (im2col), after checking the window and stride.</summary>
    internal static Expr Windows(Expr x, int size, int stride, string op)
    {
        Check(x, size, stride, op);
        var p = Patches(x, size, size, stride, stride);                                  // [N, C, K, K, OH, OW]
        return Reshape(p, x.Shape[0], x.Shape[1], size * size, p.Shape[4], p.Shape[5]); // [N, C, K², OH, OW]
    }

    static void Check(Expr x, int size, int stride, string op)
    {
        if (size < 1) throw new ArgumentException($"{op}: size {size} must be ≥ 1.", nameof(size));
        if (stride < 1) throw new ArgumentException($"{op}: stride {stride} must be ≥ 1.", nameof(stride));
        Guard.Rank(x, op, 4, 4);
        if (x.Shape.Skip(1).Contains(Dim.Batch)) throw new ShapeException($"{op}: input {x.Shape} must be NCHW with only N open (Dim.Batch).");
        if (size > x.Shape[2] || size > x.Shape[3])
            throw new ArgumentException($"{op}: window {size} is larger than the input {x.Shape[2]}×{x.Shape[3]}; it must fit.", nameof(size));
    }
}
