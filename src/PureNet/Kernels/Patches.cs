using System.Numerics;
using System.Runtime.Intrinsics;

namespace PureNet;

/// <summary>
/// im2col: patches[n, c, i, j, oh, ow] = x[n, c, oh·SH + i − PH, ow·SW + j − PW] (zero outside the image), one image
/// plane per task across cores, whole rows copied when SW = 1. Its adjoint (col2im) adds every window row back into
/// its plane, summing where windows overlap and dropping what fell on the padding, in the same order as a plain loop
/// over the patches (so sums are reproducible).
/// </summary>
internal static class PatchesKernel
{
    public static Tensor<T> Extract<T>(Tensor<T> x, Shape patches, int strideH, int strideW, int padH, int padW, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, kh, kw, oh, ow) = (x.Shape[2], x.Shape[3], patches[2], patches[3], patches[4], patches[5]);
        var y = allocate.New(patches.Size);
        var src = x.Memory;
        var window = kh * kw * oh * ow;
        Planes.For(x.Shape[0] * x.Shape[1], window, p =>
        {
            var image = src.Span.Slice(p * h * w, h * w);
            var out_ = y.AsSpan(p * window, window);
            for (var i = 0; i < kh; i++)
                for (var j = 0; j < kw; j++)
                {
                    var (c0, c1) = Inside(j, strideW, padW, w, ow);
                    for (var r = 0; r < oh; r++)
                    {
                        var row = out_.Slice(((i * kw + j) * oh + r) * ow, ow);
                        var top = r * strideH + i - padH;
                        if (top < 0 || top >= h || c0 == c1) { row.Clear(); continue; }
                        for (var c = 0; c < c0; c++) row[c] = T.Zero;       // the edges are a cell or two: no call per row
                        for (var c = c1; c < ow; c++) row[c] = T.Zero;
                        var from = top * w + c0 * strideW + j - padW;
                        if (strideW == 1) image.Slice(from, c1 - c0).CopyTo(row[c0..c1]);
                        else for (var c = c0; c < c1; c++) row[c] = image[from + (c - c0) * strideW];
                    }
                }
        });
        return new Tensor<T>(patches, y);
    }

    public static Tensor<T> Fold<T>(Tensor<T> patches, Shape image, int strideH, int strideW, int padH, int padW, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (h, w, kh, kw, oh, ow) = (image[2], image[3], patches.Shape[2], patches.Shape[3], patches.Shape[4], patches.Shape[5]);
        var y = allocate.Zeroed(image.Size);
        var src = patches.Memory;
        var window = kh * kw * oh * ow;
        Planes.For(image[0] * image[1], window, p =>
        {
            var cols = src.Span.Slice(p * window, window);
            var plane = y.AsSpan(p * h * w, h * w);
            for (var i = 0; i < kh; i++)
                for (var j = 0; j < kw; j++)
                {
                    var (c0, c1) = Inside(j, strideW, padW, w, ow);
                    for (var r = 0; r < oh; r++)
                    {
                        var top = r * strideH + i - padH;
                        if (top < 0 || top >= h || c0 == c1) continue;
                        var row = cols.Slice(((i * kw + j) * oh + r) * ow + c0, c1 - c0);
                        var to = top * w + c0 * strideW + j - padW;
                        if (strideW == 1) AddRow(plane.Slice(to, row.Length), row);
                        else for (var c = 0; c < row.Length; c++) plane[to + c * strideW] += row[c];
                    }
                }
        });
        return new Tensor<T>(image, y);
    }

    /// <summary>
    /// d += s for a short row (a window row is often 14 or 28 long): inline vectors, no call per row. The last vector
    /// overlaps the one before it; it is summed from d's values before any store, so the overlap gets the same sums.
    /// </summary>
    static void AddRow<T>(Span<T> d, ReadOnlySpan<T> s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var w = Vector256<T>.Count;
        if (!Vector256.IsHardwareAccelerated || s.Length < w)
        {
            for (var i = 0; i < s.Length; i++) d[i] += s[i];
            return;
        }
        var last = s.Length - w;
        var tail = Vector256.Create(d.Slice(last, w)) + Vector256.Create(s.Slice(last, w));
        for (var c = 0; c < last; c += w)
            (Vector256.Create(d.Slice(c, w)) + Vector256.Create(s.Slice(c, w))).CopyTo(d.Slice(c, w));
        tail.CopyTo(d.Slice(last, w));
    }

    /// <summary>The output columns [c0, c1) whose input column c·SW + j − PW lies inside the image's width.</summary>
    static (int, int) Inside(int j, int strideW, int padW, int width, int columns)
    {
        // In 64 bits: a stride near int.MaxValue plus the padding would wrap.
        var c0 = padW > j ? (int)Math.Min(columns, ((long)padW - j + strideW - 1) / strideW) : 0;
        var last = (long)width - 1 + padW - j;                 // the largest c·SW that stays inside
        var c1 = last < 0 ? 0 : (int)Math.Min(columns, last / strideW + 1);
        return (c0, Math.Max(c0, c1));
    }
}
