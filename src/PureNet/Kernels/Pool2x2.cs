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

    /// <summary>
    /// Writes (not adds) every element of the windows; cells outside them are left to the caller. With
    /// <paramref name="relu"/>, cells where x ≤ 0 get 0.
    /// </summary>
    public static void MaxGrad<T>(ReadOnlySpan<T> x, int w, ReadOnlySpan<T> y, ReadOnlySpan<T> g, Span<T> dx, int oh, int ow, bool relu)
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
            for (var j = Pool2x2Simd.Supported<T>() ? Pool2x2Simd.MaxGradRow(top, bottom, ys, gs, dTop, dBottom, relu) : 0; j < ys.Length; j++)
            {
                var m = ys[j];
                bool a = top[2 * j] == m, b = top[2 * j + 1] == m, c = bottom[2 * j] == m, d = bottom[2 * j + 1] == m;
                // The ties count every winner; only the ReLU's live cells then keep their share.
                bool la = !(relu && top[2 * j] <= T.Zero), lb = !(relu && top[2 * j + 1] <= T.Zero), lc = !(relu && bottom[2 * j] <= T.Zero), ld = !(relu && bottom[2 * j + 1] <= T.Zero);
                var ties = (a ? 1 : 0) + (b ? 1 : 0) + (c ? 1 : 0) + (d ? 1 : 0);
                var share = ties switch { 1 => gs[j], 0 => T.NaN, _ => gs[j] / T.CreateChecked(ties) };
                var all = ties == 0;
                dTop[2 * j] = (a || all) && la ? share : T.Zero;
                dTop[2 * j + 1] = (b || all) && lb ? share : T.Zero;
                dBottom[2 * j] = (c || all) && lc ? share : T.Zero;
                dBottom[2 * j + 1] = (d || all) && ld ? share : T.Zero;
            }
        }
    }
}
