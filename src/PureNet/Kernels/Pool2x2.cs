using System.Numerics;

namespace PureNet;

/// <summary>
/// Max pooling over disjoint 2×2 windows of one image plane, unrolled: the same comparisons in the same order as the
/// general loop in <see cref="PoolKernel"/> (NaN wins; ties split evenly in the gradient), without its index arithmetic.
/// </summary>
internal static class Pool2x2
{
    public static void Max<T>(ReadOnlySpan<T> x, int w, Span<T> y, int oh, int ow) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < oh; i++)
        {
            var top = x.Slice(2 * i * w, 2 * ow);
            var bottom = x.Slice((2 * i + 1) * w, 2 * ow);
            var row = y.Slice(i * ow, ow);
            for (var j = Pool2x2Simd.Supported<T>() ? Pool2x2Simd.MaxRow(top, bottom, row) : 0; j < row.Length; j++)
            {
                var m = top[2 * j];
                var v = top[2 * j + 1]; if (v > m || T.IsNaN(v)) m = v;
                v = bottom[2 * j]; if (v > m || T.IsNaN(v)) m = v;
                v = bottom[2 * j + 1]; if (v > m || T.IsNaN(v)) m = v;
                row[j] = m;
            }
        }
    }

    /// <summary>Writes (not adds) every element of the windows; cells outside them are left to the caller.</summary>
    public static void MaxGrad<T>(ReadOnlySpan<T> x, int w, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx, int oh, int ow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (var i = 0; i < oh; i++)
        {
            var top = x.Slice(2 * i * w, 2 * ow);
            var bottom = x.Slice((2 * i + 1) * w, 2 * ow);
            var dTop = dx.Slice(2 * i * w, 2 * ow);
            var dBottom = dx.Slice((2 * i + 1) * w, 2 * ow);
            var ys = y.Slice(i * ow, ow);
            var gs = g.Slice(i * ow, ow);
            for (var j = Pool2x2Simd.Supported<T>() ? Pool2x2Simd.MaxGradRow(top, bottom, ys, gs, dTop, dBottom) : 0; j < ys.Length; j++)
            {
                var m = ys[j];
                bool a = top[2 * j] == m, b = top[2 * j + 1] == m, c = bottom[2 * j] == m, d = bottom[2 * j + 1] == m;
                var ties = (a ? 1 : 0) + (b ? 1 : 0) + (c ? 1 : 0) + (d ? 1 : 0);
                var share = ties switch { 1 => gs[j], 0 => T.NaN, _ => gs[j] / T.CreateChecked(ties) };
                var all = ties == 0;
                dTop[2 * j] = a || all ? share : T.Zero;
                dTop[2 * j + 1] = b || all ? share : T.Zero;
                dBottom[2 * j] = c || all ? share : T.Zero;
                dBottom[2 * j + 1] = d || all ? share : T.Zero;
            }
        }
    }
}
