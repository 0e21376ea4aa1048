using System.Numerics;

namespace PureNet;

/// <summary>Copies a strided view into a fresh row-major array: the one loop behind broadcast, transpose and slice.</summary>
internal static class Strided
{
    /// <summary>out[i…] = src[offset + Σ i_k·strides_k] for every index of <paramref name="shape"/>.</summary>
    public static T[] Gather<T>(ReadOnlySpan<T> src, Shape shape, ReadOnlySpan<int> strides, int offset = 0, Allocator<T>? allocate = null)
    {
        var dst = allocate.New(shape.Size);
        if (dst.Length == 0) return dst;
        var rank = shape.Rank;
        if (rank == 0) { dst[0] = src[offset]; return dst; }
        var inner = shape[rank - 1];
        var innerStride = strides[rank - 1];
        var index = new int[rank];
        var o = 0;
        var s = offset;
        while (true)
        {
            if (innerStride == 1) src.Slice(s, inner).CopyTo(dst.AsSpan(o, inner));
            else if (innerStride == 0) dst.AsSpan(o, inner).Fill(src[s]);
            else for (var j = 0; j < inner; j++) dst[o + j] = src[s + j * innerStride];
            o += inner;
            // odometer over the outer axes
            var axis = rank - 2;
            while (axis >= 0)
            {
                index[axis]++;
                s += strides[axis];
                if (index[axis] < shape[axis]) break;
                s -= strides[axis] * shape[axis];
                index[axis] = 0;
                axis--;
            }
            if (axis < 0) return dst;
        }
    }

    /// <summary>dst[offset + Σ i_k·strides_k] += src[i…]: the adjoint of <see cref="Gather"/>.</summary>
    public static void ScatterAdd<T>(ReadOnlySpan<T> src, Shape shape, ReadOnlySpan<int> strides, Span<T> dst, int offset = 0)
        where T : INumberBase<T>
    {
        if (shape.Size == 0) return;
        var rank = shape.Rank;
        if (rank == 0) { dst[offset] += src[0]; return; }
        var inner = shape[rank - 1];
        var innerStride = strides[rank - 1];
        var index = new int[rank];
        var o = 0;
        var s = offset;
        while (true)
        {
            for (var j = 0; j < inner; j++) dst[s + j * innerStride] += src[o + j];
            o += inner;
            var axis = rank - 2;
            while (axis >= 0)
            {
                index[axis]++;
                s += strides[axis];
                if (index[axis] < shape[axis]) break;
                s -= strides[axis] * shape[axis];
                index[axis] = 0;
                axis--;
            }
            if (axis < 0) return;
        }
    }
}
