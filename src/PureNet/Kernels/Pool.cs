using System.Numerics;

namespace PureNet;

/// <summary>
/// Direct max pooling over K×K windows (stride S) of NCHW images, and its adjoint: one pass each, no window tensor in
/// between, image planes split across cores in chunks. The common 2×2 stride-2 case has its own unrolled loops
/// (<see cref="Pool2x2"/>); every path keeps the same order of comparisons, so results are bit-identical.
/// </summary>
internal static class PoolKernel
{
    public static Tensor<T> Max<T>(Tensor<T> x, int k, int s, Shape output, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, oh, ow) = (x.Shape[2], x.Shape[3], output[2], output[3]);
        var y = allocate.New(output.Size);
        var src = x.Memory;
        var pair = k == 2 && s == 2;
        Planes.For(x.Shape[0] * x.Shape[1], oh * ow * k * k, p =>
        {
            var xs = src.Span.Slice(p * h * w, h * w);
            var ys = y.AsSpan(p * oh * ow, oh * ow);
            if (pair) { Pool2x2.Max(xs, w, ys, oh, ow); return; }
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

    /// <summary>
    /// dx: each window's cotangent goes to its maximal elements, split evenly among ties (NaN when none equals the max);
    /// with <paramref name="relu"/>, elements where x ≤ 0 get nothing (ReLU's gradient, as relu_grad: NaN passes).
    /// </summary>
    public static Tensor<T> MaxGrad<T>(Tensor<T> x, Tensor<T> y, Tensor<T> g, int k, int s, bool relu, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, oh, ow) = (x.Shape[2], x.Shape[3], y.Shape[2], y.Shape[3]);
        var pair = k == 2 && s == 2;
        // Disjoint 2×2 windows that tile the plane write every element, so the buffer needs no clearing.
        var dx = pair && h == 2 * oh && w == 2 * ow ? allocate.New(x.Size) : allocate.Zeroed(x.Size);
        var (xm, ym, gm) = (x.Memory, y.Memory, g.Memory);
        Planes.For(x.Shape[0] * x.Shape[1], oh * ow * k * k, p =>
        {
            var xs = xm.Span.Slice(p * h * w, h * w);
            var ys = ym.Span.Slice(p * oh * ow, oh * ow);
            var gs = gm.Span.Slice(p * oh * ow, oh * ow);
            var d = dx.AsSpan(p * h * w, h * w);
            if (pair) { Pool2x2.MaxGrad(xs, w, ys, gs, d, oh, ow, relu); return; }
            for (var i = 0; i < oh; i++)
                for (var j = 0; j < ow; j++)
                {
                    var corner = i * s * w + j * s;
                    var m = ys[i * ow + j];
                    int ties = 0, first = -1;
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++)
                            if (xs[corner + a * w + b] == m) { ties++; if (first < 0) first = corner + a * w + b; }
                    if (ties == 1) { if (!(relu && xs[first] <= T.Zero)) d[first] += gs[i * ow + j]; continue; }
                    var share = ties == 0 ? T.NaN : gs[i * ow + j] / T.CreateChecked(ties);
                    for (var a = 0; a < k; a++)
                        for (var b = 0; b < k; b++)
                        {
                            var q = corner + a * w + b;
                            if ((ties == 0 || xs[q] == m) && !(relu && xs[q] <= T.Zero)) d[q] += share;
                        }
                }
        });
        return new Tensor<T>(x.Shape, dx);
    }
}
