using System.Numerics;

namespace PureNet;

/// <summary>
/// Direct max pooling over K×K windows (stride S) of NCHW images, and its adjoint: one pass each, one image plane per
/// task across cores, no window tensor in between.
/// </summary>
internal static class PoolKernel
{
    public static Tensor<T> Max<T>(Tensor<T> x, int k, int s, Shape output, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, oh, ow) = (x.Shape[2], x.Shape[3], output[2], output[3]);
        var y = allocate.New(output.Size);
        var src = x.Memory;
        Planes(x.Shape[0] * x.Shape[1], oh * ow * k * k, p =>
        {
            var xs = src.Span.Slice(p * h * w, h * w);
            var ys = y.AsSpan(p * oh * ow, oh * ow);
            for (var i = 0; i < oh; i++)
                for (var j = 0; j < ow; j++)
                {
                    var corner = i * s * w + j * s;
                    var m = xs[corner];
                    for (var a = 0; a < k; a++)
                    {
                        var row = xs.Slice(corner + a * w, k);
                        foreach (var v in row) if (v > m || T.IsNaN(v)) m = v;   // NaN wins, as in max
                    }
                    ys[i * ow + j] = m;
                }
        });
        return new Tensor<T>(output, y);
    }

    /// <summary>dx: each window's cotangent goes to its maximal elements, split evenly among ties (NaN when none equals the max).</summary>
    public static Tensor<T> MaxGrad<T>(Tensor<T> x, Tensor<T> y, Tensor<T> g, int k, int s, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, oh, ow) = (x.Shape[2], x.Shape[3], y.Shape[2], y.Shape[3]);
        var dx = allocate.Zeroed(x.Size);
        var (xm, ym, gm) = (x.Memory, y.Memory, g.Memory);
        Planes(x.Shape[0] * x.Shape[1], oh * ow * k * k, p =>
        {
            var xs = xm.Span.Slice(p * h * w, h * w);
            var ys = ym.Span.Slice(p * oh * ow, oh * ow);
            var gs = gm.Span.Slice(p * oh * ow, oh * ow);
            var d = dx.AsSpan(p * h * w, h * w);
            for (var i = 0; i < oh; i++)
                for (var j = 0; j < ow; j++)
                {
                    var corner = i * s * w + j * s;
                    var m = ys[i * ow + j];
                    int ties = 0, first = -1;
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++)
                            if (xs[corner + a * w + b] == m) { ties++; if (first < 0) first = corner + a * w + b; }
                    if (ties == 1) { d[first] += gs[i * ow + j]; continue; }
                    var share = ties == 0 ? T.NaN : gs[i * ow + j] / T.CreateChecked(ties);
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++)
                        {
                            var q = corner + a * w + b;
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
