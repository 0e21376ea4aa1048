using FsCheck;
using FsCheck.Fluent;

namespace PureNet.Testing;

/// <summary>Generated max-pooling cases: an NCHW image, a window that fits it, a stride, and the pooled shape.</summary>
public static class PoolShapes
{
    public sealed record Case(Shape Image, Shape Pooled, int Size, int Stride);

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
