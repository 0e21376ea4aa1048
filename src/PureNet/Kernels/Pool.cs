using System.Numerics;

namespace PureNet;

/// <summary>
/// Direct max pooling over K×K windows (stride S) of NCHW images, and its adjoint: one pass each, one image plane per
/// task across cores, no window tensor in between.
/// </summary>
internal static class PoolKernel
{
    public static Tensor<T> Max<T>(Tensor<T> x, int k, int s, Shape output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, oh, ow) = (x.Shape[2], x.Shape[3], output[2], output[3]);
        var y = new T[output.Size];
        var src = x.Memory;
        Planes(x.Shape[0] * x.Shape[1], oh * ow * k * k, p =>
        {
            var xs = src.Span.Slice(p * h * w, h * w);
            for (var i = 0; i < oh; i++)
                for (var j = 0; j < ow; j++)
                {
                    var m = T.NegativeInfinity;
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++) m = T.Max(m, xs[(i * s + a) * w + j * s + b]);
                    y[(p * oh + i) * ow + j] = m;
                }
        });
        return new Tensor<T>(output, y);
    }

    /// <summary>dx: each window's cotangent goes to its maximal elements, split evenly among ties (NaN when none equals the max).</summary>
    public static Tensor<T> MaxGrad<T>(Tensor<T> x, Tensor<T> y, Tensor<T> g, int k, int s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, oh, ow) = (x.Shape[2], x.Shape[3], y.Shape[2], y.Shape[3]);
        var dx = new T[x.Size];
        var (xm, ym, gm) = (x.Memory, y.Memory, g.Memory);
        Planes(x.Shape[0] * x.Shape[1], oh * ow * k * k, p =>
        {
            var xs = xm.Span.Slice(p * h * w, h * w);
            var d = dx.AsSpan(p * h * w, h * w);
            for (var i = 0; i < oh; i++)
                for (var j = 0; j < ow; j++)
                {
                    var at = (p * oh + i) * ow + j;
                    var m = ym.Span[at];
                    var ties = 0;
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++) if (xs[(i * s + a) * w + j * s + b] == m) ties++;
                    var share = ties == 0 ? T.NaN : gm.Span[at] / T.CreateChecked(ties);
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++)
                        {
                            var q = (i * s + a) * w + j * s + b;
                            if (ties == 0 || xs[q] == m) d[q] += share;
                        }
                }
        });
        return new Tensor<T>(x.Shape, dx);
    }

    /// <summary>Runs one task per image plane, on all cores when the total work is large.</summary>
    static void Planes(int planes, int workPerPlane, Action<int> plane)
    {
        if ((long)planes * workPerPlane < 1 << 15) for (var p = 0; p < planes; p++) plane(p);
        else Parallel.For(0, planes, plane);
    }
}
