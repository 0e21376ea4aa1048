using System.Numerics;

namespace PureNet;

/// <summary>Moves elements without arithmetic: broadcast, permute, slice, pad, concat.</summary>
internal static class Layout
{
    public static Tensor<T> BroadcastTo<T>(Tensor<T> x, Shape shape, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Shape == shape) return x;
        if (!Broadcast.Reaches(x.Shape, shape))
            throw new ShapeException($"broadcast_to: shape {x.Shape} does not broadcast to {shape}; numpy rule: aligned from the right, sizes must be equal or 1.");
        return new Tensor<T>(shape, Strided.Gather(x.Span, shape, Broadcast.Strides(x.Shape, shape), 0, allocate));
    }

    public static Tensor<T> Reshape<T>(Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (shape.Size != x.Size)
            throw new ShapeException($"reshape: cannot reshape {x.Shape} ({x.Size} elements) to {shape} ({shape.Size} elements); sizes must match.");
        return x.WithShape(shape);
    }

    public static Tensor<T> Permute<T>(Tensor<T> x, ReadOnlySpan<int> perm, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var strides = x.Shape.Strides();
        var shape = new int[perm.Length];
        var s = new int[perm.Length];
        for (var i = 0; i < perm.Length; i++) { shape[i] = x.Shape[perm[i]]; s[i] = strides[perm[i]]; }
        return new Tensor<T>(shape, Strided.Gather(x.Span, shape, s, 0, allocate));
    }

    /// <summary>
    /// x[begin_k : begin_k + size_k] on every axis. A box that is one run of x's memory (unit extents, then one
    /// partial axis, then whole axes: rows of a matrix, examples of a batch) is a view sharing x's buffer, not a copy;
    /// a plan's arena counts the shared buffer's users, so it is not reused while the view lives.
    /// </summary>
    public static Tensor<T> Slice<T>(Tensor<T> x, ReadOnlySpan<int> begin, Shape size, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var strides = x.Shape.Strides();
        var offset = 0;
        for (var i = 0; i < begin.Length; i++) offset += begin[i] * strides[i];
        return OneRun(x.Shape, size)
            ? new Tensor<T>(size, x.Memory.Slice(offset, size.Size))
            : new Tensor<T>(size, Strided.Gather(x.Span, size, strides, offset, allocate));
    }

    static bool OneRun(Shape x, Shape box)
    {
        var a = 0;
        while (a < box.Rank && box[a] == 1) a++;
        for (var i = a + 1; i < box.Rank; i++)
            if (box[i] != x[i]) return false;
        return true;
    }

    /// <summary>Zeros around x: <paramref name="before"/>[k] before and the rest after on axis k, to reach <paramref name="shape"/>.</summary>
    public static Tensor<T> Pad<T>(Tensor<T> x, ReadOnlySpan<int> before, Shape shape, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = allocate.Zeroed(shape.Size);
        var strides = shape.Strides();
        var offset = 0;
        for (var i = 0; i < before.Length; i++) offset += before[i] * strides[i];
        Strided.ScatterAdd(x.Span, x.Shape, strides, y, offset);
        return new Tensor<T>(shape, y);
    }

    public static Tensor<T> Concat<T>(ReadOnlySpan<Tensor<T>> xs, int axis, Shape shape, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = allocate.Zeroed(shape.Size);
        var strides = shape.Strides();
        var at = 0;
        foreach (var x in xs)
        {
            Strided.ScatterAdd(x.Span, x.Shape, strides, y, at * strides[axis]);
            at += x.Shape[axis];
        }
        return new Tensor<T>(shape, y);
    }

    /// <summary>Σ_i pad(x_i, before_i) to <paramref name="shape"/>: every piece scatter-added into one buffer, so the work is the pieces' size plus the output's.</summary>
    public static Tensor<T> PadSum<T>(ReadOnlySpan<Tensor<T>> xs, IReadOnlyList<Axes> befores, Shape shape, Allocator<T>? allocate = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = allocate.Zeroed(shape.Size);
        var strides = shape.Strides();
        for (var k = 0; k < xs.Length; k++)
        {
            var offset = 0;
            for (var i = 0; i < strides.Length; i++) offset += befores[k].Items[i] * strides[i];
            Strided.ScatterAdd(xs[k].Span, xs[k].Shape, strides, y, offset);
        }
        return new Tensor<T>(shape, y);
    }
}
