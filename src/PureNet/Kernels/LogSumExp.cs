using System.Numerics;

namespace PureNet;

/// <summary>
/// log Σ exp x over axes, computed as m + log Σ exp(x − m) with m the maximum over the same axes: no exp overflows,
/// and the largest term contributes exp(0) = 1, so the log never sees an underflowed 0. A slice that is all −∞ (or
/// holds +∞) has m shifted by 0 instead, giving −∞ (or +∞) as the plain formula would.
/// </summary>
internal static class LogSumExpKernel
{
    public static Tensor<T> Run<T>(Tensor<T> x, Axes axes, Shape output, Allocator<T>? allocate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = Reduce.Max(x, axes, keepDims: true, "logsumexp");
        var shift = Elementwise.Map(m, v => T.IsFinite(v) ? v : T.Zero);
        var terms = Pointwise.Exp(Pointwise.Sub(x, Layout.BroadcastTo(shift, x.Shape)));
        var y = Pointwise.Add(Pointwise.Log(Reduce.Sum(terms, axes, keepDims: true, "logsumexp")), shift, allocate);
        return Layout.Reshape(y, output);                    // the kept axes dropped when the op drops them
    }
}
