using FsCheck;
using FsCheck.Fluent;

namespace PureNet.Testing;

/// <summary>Generated max-pooling cases: an NCHW image, a window that fits it, a stride, and the pooled shape.</summary>
public static class PoolShapes
{
    /// <summary>One pooling case.</summary>
    /// <param name="Image">The image batch [N, C, H, W].</param>
    /// <param name="Pooled">The pooled shape [N, C, OH, OW].</param>
    /// <param name="Size">The window's side.</param>
    /// <param name="Stride">The stride.</param>
    public sealed record Case(Shape Image, Shape Pooled, int Size, int Stride);

    /// <summary>Generated cases: N in [1, 2], C in [1, maxChannels], H and W in [minSide, maxSide], a window that fits and a stride in [1, maxStride].</summary>
    /// <param name="maxChannels">The most channels, ≥ 1.</param>
    /// <param name="minSide">The least image side, ≥ 1.</param>
    /// <param name="maxSide">The greatest image side, ≥ <paramref name="minSide"/>.</param>
    /// <param name="maxStride">The greatest stride, ≥ 1.</param>
    /// <returns>A generator of cases.</returns>
    public static Gen<Case> Of(int maxChannels, int minSide, int maxSide, int maxStride) =>
        from n in Gen.Choose(1, 2)
        from c in Gen.Choose(1, maxChannels)
        from h in Gen.Choose(minSide, maxSide)
        from w in Gen.Choose(minSide, maxSide)
        from size in Gen.Choose(1, Math.Min(h, w))
        from stride in Gen.Choose(1, maxStride)
        let image = new Shape(n, c, h, w)
        select new Case(image, new MaxPoolOp(size, stride).InferShape([image]), size, stride);
}
