using System.Numerics;

namespace PureNet;

/// <summary>
/// im2col as a strided view: patches[n, c, i, j, oh, ow] = x[n, c, oh·SH + i, ow·SW + j].
/// Its adjoint (col2im) scatters back with the same strides, summing where windows overlap.
/// </summary>
internal static class PatchesKernel
{
    public static int[] Strides(Shape image, int strideH, int strideW)
    {
        var s = image.Strides();
        return [s[0], s[1], s[2], s[3], s[2] * strideH, s[3] * strideW];
    }

    public static Tensor<T> Extract<T>(Tensor<T> x, Shape patches, int strideH, int strideW, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        new(patches, Strided.Gather(x.Span, patches, Strides(x.Shape, strideH, strideW), 0, allocate));

    public static Tensor<T> Fold<T>(Tensor<T> patches, Shape image, int strideH, int strideW, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = allocate.Zeroed(image.Size);
        Strided.ScatterAdd(patches.Span, patches.Shape, Strides(image, strideH, strideW), y);
        return new Tensor<T>(image, y);
    }
}
