using System.Numerics;
using System.Numerics.Tensors;

namespace PureNet;

/// <summary>
/// im2col: patches[n, c, i, j, oh, ow] = x[n, c, oh·SH + i, ow·SW + j], one image plane per task across cores, whole
/// rows copied when SW = 1. Its adjoint (col2im) adds every window row back into its plane, summing where windows
/// overlap, in the same order as a plain loop over the patches (so sums are reproducible).
/// </summary>
internal static class PatchesKernel
{
    public static Tensor<T> Extract<T>(Tensor<T> x, Shape patches, int strideH, int strideW, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
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
                    for (var r = 0; r < oh; r++)
                    {
                        var row = out_.Slice(((i * kw + j) * oh + r) * ow, ow);
                        var from = (r * strideH + i) * w + j;
                        if (strideW == 1) image.Slice(from, ow).CopyTo(row);
                        else for (var c = 0; c < ow; c++) row[c] = image[from + c * strideW];
                    }
        });
        return new Tensor<T>(patches, y);
    }

    public static Tensor<T> Fold<T>(Tensor<T> patches, Shape image, int strideH, int strideW, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
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
                    for (var r = 0; r < oh; r++)
                    {
                        var row = cols.Slice(((i * kw + j) * oh + r) * ow, ow);
                        var to = (r * strideH + i) * w + j;
                        if (strideW == 1) { var d = plane.Slice(to, ow); TensorPrimitives.Add(d, row, d); }
                        else for (var c = 0; c < ow; c++) plane[to + c * strideW] += row[c];
                    }
        });
        return new Tensor<T>(image, y);
    }
}
